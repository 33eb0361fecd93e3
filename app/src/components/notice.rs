use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A form that did its work redirects back with a marker in the address (`?enregistre`,
/// `?archive`…); the page shows the sentence of the first marker present, if any.
#[component]
pub fn QueryNotice(
    /// Markers and their sentences, in the order they are looked for.
    notices: &'static [(&'static str, &'static str)],
    #[prop(default = "notice")] test: &'static str,
) -> impl IntoView {
    let query = use_query_map().read_untracked();
    notices
        .iter()
        .find(|(marker, _)| query.get(marker).is_some())
        .map(|(_, notice)| view! { <SuccessNotice notice=*notice test /> })
}

/// A line saying something went well, announced to screen readers.
#[component]
pub fn SuccessNotice(
    #[prop(into)] notice: String,
    #[prop(default = "notice")] test: &'static str,
) -> impl IntoView {
    view! {
        <p class="notice notice--success" role="status" data-test=test>
            {notice}
        </p>
    }
}
