use leptos::prelude::*;
use leptos_meta::Title;

/// Unknown address: says so in French, with HTTP 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page introuvable — Ateliers" />
        <h1>"Page introuvable"</h1>
        <p>"Cette page n'existe pas ou n'est plus disponible."</p>
        <p>
            <a href="/ateliers">"Voir les ateliers à venir"</a>
        </p>
    }
}
