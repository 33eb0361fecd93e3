use leptos::prelude::*;

/// A ticked-or-not box with its label (the label starts with a space, after the box).
#[component]
pub fn Checkbox(
    name: &'static str,
    checked: bool,
    label: &'static str,
    #[prop(optional)] test: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="checkbox">
            <input type="checkbox" name=name checked=checked data-test=test />
            {label}
        </label>
    }
}
