use leptos::prelude::*;
use shared::domain::YouthSummary;

/// A list of youths with a link to each file.
#[component]
pub fn YouthList(youths: Vec<YouthSummary>) -> impl IntoView {
    if youths.is_empty() {
        return view! {
            <p class="notice" data-test="no-youths">
                "Aucun jeune pour l'instant."
            </p>
        }
        .into_any();
    }
    view! {
        <ul class="people-list" data-test="youth-list">
            {youths
                .into_iter()
                .map(|youth| {
                    view! {
                        <li class="people-list__item" data-test="youth-item">
                            <a href=format!(
                                "/jeunes/{}",
                                youth.id,
                            )>{youth.first_name} " " {youth.last_name}</a>
                            <span class="people-list__meta">
                                {youth.age} " ans · " {youth.programme_status}
                                " · Référent·e : " {youth.referent_name}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
