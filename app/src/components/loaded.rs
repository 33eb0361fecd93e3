use leptos::prelude::*;

use crate::components::ErrorNotice;
use crate::error::AppError;

/// A page's data once it has come: `show` with the value, or the French error (which also sets
/// the answer's status). The server-rendered page waits for it (`SsrMode::Async`), so
/// « Chargement… » only shows while a page reloads its data in the browser.
pub fn loaded<T, Ser, V>(
    resource: Resource<Result<T, AppError>, Ser>,
    show: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Ser: Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| {
            view! { <p>"Chargement…"</p> }
        }>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => show(value).into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
