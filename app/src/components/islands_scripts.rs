use leptos::prelude::*;

/// Loads the wasm that brings islands to life. Only pages that contain an island render it, so
/// the others cost a phone no script at all.
///
/// Leptos' `HydrationScripts` also emits `<link rel="preload" as="fetch">` for the wasm, which
/// browsers follow even with JavaScript off: a youth without JavaScript would download ~70 KB
/// for nothing. The module script fetches the wasm itself, so that one link is left out.
#[component]
pub fn IslandsScripts() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use leptos::config::LeptosOptions;
        use leptos::hydration::HydrationScripts;

        use_context::<LeptosOptions>().map(|options| {
            let scripts = view! { <HydrationScripts options islands=true /> }.to_html();
            view! { <div class="islands-runtime" hidden inner_html=without_wasm_preload(&scripts)></div> }
        })
    }
}

/// Removes the `<link rel="preload" ...>` tags from `html`.
#[cfg(feature = "ssr")]
fn without_wasm_preload(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(r#"<link rel="preload""#) {
        kept.push_str(&rest[..start]);
        rest = match rest[start..].find('>') {
            Some(end) => &rest[start + end + 1..],
            None => "",
        };
    }
    kept.push_str(rest);
    kept
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::without_wasm_preload;

    #[test]
    fn only_the_preload_link_is_removed() {
        let html = r#"<link rel="modulepreload" href="/pkg/a.js"><link rel="preload" href="/pkg/a.wasm" as="fetch" type="application/wasm" crossorigin=""><script type="module">go()</script>"#;
        assert_eq!(
            without_wasm_preload(html),
            r#"<link rel="modulepreload" href="/pkg/a.js"><script type="module">go()</script>"#
        );
    }
}
