use leptos::prelude::*;
use leptos_meta::Title;
use shared::domain::{
    Theme, WorkshopTypeForm, WorkshopTypeId, WorkshopTypeSummary, format_duration,
};

use crate::components::{FormError, QueryNotice, id_param, loaded};
use crate::server_fns::{
    ArchiveWorkshopType, CreateWorkshopType, RestoreWorkshopType, UpdateWorkshopType,
    list_workshop_types, view_workshop_type,
};

/// `/catalogue`: the workshops sessions are planned from, those on offer first, archived ones
/// after (staff).
#[component]
pub fn CataloguePage() -> impl IntoView {
    const NOTICES: &[(&str, &str)] = &[("ajoute", "Atelier ajouté au catalogue.")];
    let types = Resource::new_blocking(|| (), |_| list_workshop_types());
    view! {
        <Title text="Catalogue des ateliers — Ateliers" />
        <h1>"Catalogue des ateliers"</h1>
        <QueryNotice notices=NOTICES />
        {loaded(
            types,
            move |types| {
                view! {
                    <p class="actions">
                        <a class="button" href="/catalogue/nouveau" data-test="new-workshop-type">
                            "Nouvel atelier"
                        </a>
                    </p>
                    {if types.is_empty() {
                        view! { <p class="notice">"Le catalogue est vide pour l'instant."</p> }
                            .into_any()
                    } else {
                        view! {
                            <ul class="people-list" data-test="workshop-type-list">
                                {types
                                    .into_iter()
                                    .map(|summary| view! { <WorkshopTypeItem summary /> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                }
                    .into_any()
            },
        )}
    }
}

#[component]
fn WorkshopTypeItem(summary: WorkshopTypeSummary) -> impl IntoView {
    let sessions = match summary.session_count {
        0 => "aucune séance".to_owned(),
        1 => "1 séance".to_owned(),
        count => format!("{count} séances"),
    };
    let meta = format!(
        "{} · {} · {} places · {}",
        summary.theme.label(),
        format_duration(summary.default_duration_minutes),
        summary.default_capacity,
        sessions
    );
    view! {
        <li
            class="people-list__item"
            id=format!("atelier-{}", summary.id)
            data-test="workshop-type-item"
            data-archived=summary.archived.to_string()
        >
            <a href=format!("/catalogue/{}", summary.id)>{summary.title}</a>
            {summary
                .archived
                .then(|| {
                    view! {
                        " "
                        <span class="tag" data-test="archived">
                            "archivé"
                        </span>
                    }
                })}
            <span class="people-list__meta">{meta}</span>
        </li>
    }
}

/// `/catalogue/nouveau`: add a workshop to the catalogue.
#[component]
pub fn NewWorkshopTypePage() -> impl IntoView {
    let create = ServerAction::<CreateWorkshopType>::new();
    // Staff only: the list answers 401/403 for anyone else, before they fill anything in.
    let allowed = Resource::new_blocking(|| (), |_| list_workshop_types());
    view! {
        <Title text="Nouvel atelier — Ateliers" />
        <p>
            <a href="/catalogue">"← Tout le catalogue"</a>
        </p>
        <h1>"Nouvel atelier"</h1>
        {loaded(
            allowed,
            move |_| {
                let form = WorkshopTypeForm {
                    default_duration_minutes: "120".into(),
                    default_capacity: "12".into(),
                    ..WorkshopTypeForm::default()
                };
                view! {
                    <FormError error=create.value().get_untracked().and_then(Result::err) />
                    <ActionForm action=create attr:data-test="workshop-type-form">
                        <WorkshopTypeFields form />
                        <button type="submit" class="button" data-test="workshop-type-submit">
                            "Ajouter au catalogue"
                        </button>
                    </ActionForm>
                }
                    .into_any()
            },
        )}
    }
}

/// `/catalogue/:id`: correct a workshop of the catalogue, archive it or offer it again.
#[component]
pub fn WorkshopTypePage() -> impl IntoView {
    let id: WorkshopTypeId = id_param("id");
    const NOTICES: &[(&str, &str)] = &[
        ("enregistre", "Modifications enregistrées."),
        (
            "archive",
            "Atelier archivé : il n'est plus proposé pour de nouvelles séances.",
        ),
        (
            "retabli",
            "Atelier de nouveau proposé pour de nouvelles séances.",
        ),
    ];
    let update = ServerAction::<UpdateWorkshopType>::new();
    let archive = ServerAction::<ArchiveWorkshopType>::new();
    let restore = ServerAction::<RestoreWorkshopType>::new();
    let details = Resource::new_blocking(move || id, view_workshop_type);
    view! {
        <Title text="Atelier du catalogue — Ateliers" />
        <p>
            <a href="/catalogue">"← Tout le catalogue"</a>
        </p>
        <QueryNotice notices=NOTICES />
        <FormError error=update.value().get_untracked().and_then(Result::err) />
        <FormError error=archive.value().get_untracked().and_then(Result::err) />
        <FormError error=restore.value().get_untracked().and_then(Result::err) />
        {loaded(
            details,
            move |details| {
                let sessions = match details.session_count {
                    0 => "Aucune séance n'a encore été programmée avec cet atelier.".to_owned(),
                    1 => "1 séance a été programmée avec cet atelier.".to_owned(),
                    count => format!("{count} séances ont été programmées avec cet atelier."),
                };
                view! {
                    <h1>{details.form.title.clone()}</h1>
                    <p class="lead" data-test="workshop-type-status">
                        {if details.archived {
                            format!(
                                "Archivé : plus proposé pour de nouvelles séances. {sessions}",
                            )
                        } else {
                            sessions
                        }}
                    </p>
                    <ActionForm action=update attr:data-test="workshop-type-form">
                        <input type="hidden" name="id" value=id.to_string() />
                        <WorkshopTypeFields form=details.form />
                        <button type="submit" class="button" data-test="workshop-type-submit">
                            "Enregistrer"
                        </button>
                    </ActionForm>
                    {if details.archived {
                        view! {
                            <ActionForm
                                action=restore
                                attr:class="danger-zone"
                                attr:data-test="restore-form"
                            >
                                <input type="hidden" name="id" value=id.to_string() />
                                <p>
                                    "Rétablir l'atelier le propose de nouveau pour les séances à venir."
                                </p>
                                <button
                                    type="submit"
                                    class="button button--secondary"
                                    data-test="restore-workshop-type"
                                >
                                    "Rétablir"
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    } else {
                        view! {
                            <ActionForm
                                action=archive
                                attr:class="danger-zone"
                                attr:data-test="archive-form"
                            >
                                <input type="hidden" name="id" value=id.to_string() />
                                <p>
                                    "Archiver retire l'atelier des choix pour de nouvelles séances. Il reste dans le catalogue, marqué « archivé », et ses séances ne changent pas."
                                </p>
                                <button
                                    type="submit"
                                    class="button button--danger"
                                    data-test="archive-workshop-type"
                                >
                                    "Archiver"
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }}
                }
                    .into_any()
            },
        )}
    }
}

/// The fields of a workshop type's form, named `workshop[...]`.
#[component]
fn WorkshopTypeFields(form: WorkshopTypeForm) -> impl IntoView {
    let theme = form.theme.clone();
    view! {
        <label for="w-title">"Titre"</label>
        <input
            id="w-title"
            name="workshop[title]"
            value=form.title
            required
            minlength="3"
            maxlength="120"
            data-test="title"
        />
        <label for="w-theme">"Thème"</label>
        <select id="w-theme" name="workshop[theme]" required data-test="theme">
            <option value="">"Choisir un thème"</option>
            {Theme::ALL
                .into_iter()
                .map(|option| {
                    view! {
                        <option value=option.code() selected=theme == option.code()>
                            {option.label()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <label for="w-description">"Description pour les jeunes"</label>
        <textarea
            id="w-description"
            name="workshop[description]"
            rows="5"
            required
            minlength="10"
            maxlength="2000"
            data-test="description"
        >
            {form.description}
        </textarea>
        <label for="w-duration">"Durée habituelle (en minutes)"</label>
        <input
            id="w-duration"
            name="workshop[default_duration_minutes]"
            type="number"
            min="15"
            max="480"
            value=form.default_duration_minutes
            required
            data-test="duration"
        />
        <label for="w-capacity">"Nombre de places habituel"</label>
        <input
            id="w-capacity"
            name="workshop[default_capacity]"
            type="number"
            min="1"
            max="200"
            value=form.default_capacity
            required
            data-test="capacity"
        />
        <label for="w-bring">"Ce qu'il faut apporter (facultatif)"</label>
        <textarea
            id="w-bring"
            name="workshop[what_to_bring]"
            rows="2"
            maxlength="500"
            data-test="what-to-bring"
        >
            {form.what_to_bring}
        </textarea>
        <label for="w-suits">"Pour qui (facultatif)"</label>
        <textarea id="w-suits" name="workshop[suits]" rows="2" maxlength="500" data-test="suits">
            {form.suits}
        </textarea>
    }
}
