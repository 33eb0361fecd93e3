use std::str::FromStr;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The route's `:name` segment read as a typed id (`SessionId`, `PersonId`, …). A segment that is
/// not a number reads as the id 0, which no row has, so the page answers « introuvable » as it
/// does for any unknown id.
pub fn id_param<Id: FromStr + From<i32>>(name: &str) -> Id {
    use_params_map()
        .read_untracked()
        .get(name)
        .and_then(|segment| segment.parse().ok())
        .unwrap_or_else(|| Id::from(0))
}
