use leptos::prelude::*;

/// One key number with its label, in a row of cards (`/chiffres`, `/etat-du-service`).
#[component]
pub fn FigureCard(label: &'static str, value: String, test: &'static str) -> impl IntoView {
    view! {
        <li class="figures-card" data-test=test>
            <span class="figures-card__value">{value}</span>
            <span class="figures-card__label">{label}</span>
        </li>
    }
}
