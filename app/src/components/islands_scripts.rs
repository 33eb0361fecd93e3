use leptos::config::LeptosOptions;
use leptos::hydration::HydrationScripts;
use leptos::prelude::*;

/// Loads the wasm that brings islands to life. Only pages that contain an island render it, so
/// the others cost a phone no script at all.
#[component]
pub fn IslandsScripts() -> impl IntoView {
    use_context::<LeptosOptions>().map(|options| view! { <HydrationScripts options islands=true/> })
}
