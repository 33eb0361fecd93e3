//! Posting a form's fields to a server function from an island, as a script does: the server
//! function answers JSON with the real status instead of redirecting.

/// Said when the network, not the person, is at fault.
#[cfg(feature = "hydrate")]
pub const NETWORK: &str =
    "La connexion avec Ateliers a échoué. Vérifiez votre connexion internet puis réessayez.";

/// Posts `body` (`application/x-www-form-urlencoded`) to `path`; the answer's text on success,
/// the French refusal otherwise.
#[cfg(feature = "hydrate")]
pub async fn post_form(path: &str, body: &str) -> Result<String, String> {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    let failed = |_| NETWORK.to_owned();
    let headers = web_sys::Headers::new().map_err(failed)?;
    headers
        .set("Content-Type", "application/x-www-form-urlencoded")
        .map_err(failed)?;
    headers.set("Accept", "application/json").map_err(failed)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    let window = web_sys::window().ok_or(NETWORK)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    let text = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        Ok(text)
    } else {
        Err(serde_json::from_str::<crate::error::AppError>(&text)
            .map(|error| error.message().to_owned())
            .unwrap_or_else(|_| NETWORK.to_owned()))
    }
}
