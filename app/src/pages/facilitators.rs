use leptos::prelude::*;
use leptos_meta::Title;
use shared::domain::{FacilitatorDetails, FacilitatorForm, PersonId};

use crate::components::{ArchiveConfirmation, FormError, QueryNotice, id_param, loaded};
use crate::server_fns::{
    ArchiveFacilitator, CreateFacilitator, RestoreFacilitator, UpdateFacilitator,
    list_facilitators, view_facilitator,
};

/// `/intervenants`: the guest facilitators (journalists, recruiters, associations).
#[component]
pub fn FacilitatorsPage() -> impl IntoView {
    const NOTICES: &[(&str, &str)] = &[
        (
            "ajoute",
            "Intervenant·e ajouté·e : un lien de connexion lui a été envoyé par e-mail.",
        ),
        ("enregistre", "Modifications enregistrées."),
        (
            "archive",
            "Intervenant·e archivé·e : il ou elle ne peut plus se connecter.",
        ),
    ];
    let facilitators = Resource::new_blocking(|| (), |_| list_facilitators());
    view! {
        <Title text="Intervenants — Ateliers" />
        <h1>"Intervenants"</h1>
        <QueryNotice notices=NOTICES />
        <p class="actions">
            <a class="button" href="/intervenants/nouveau" data-test="new-facilitator">
                "Ajouter un intervenant"
            </a>
        </p>
        {loaded(
            facilitators,
            move |value| match value {
                facilitators if facilitators.is_empty() => {
                    view! { <p class="notice">"Aucun intervenant pour l'instant."</p> }.into_any()
                }
                facilitators => {
                    view! {
                        <ul class="people-list" data-test="facilitator-list">
                            {facilitators
                                .into_iter()
                                .map(|facilitator| {
                                    let item = if facilitator.archived {
                                        "facilitator-archived-item"
                                    } else {
                                        "facilitator-item"
                                    };
                                    view! {
                                        <li class="people-list__item" data-test=item>
                                            <a href=format!(
                                                "/intervenants/{}",
                                                facilitator.id,
                                            )>
                                                {format!(
                                                    "{} {}",
                                                    facilitator.first_name,
                                                    facilitator.last_name,
                                                )}
                                            </a>
                                            {facilitator
                                                .archived
                                                .then(|| {
                                                    view! {
                                                        " "
                                                        <span class="tag" data-test="archived">
                                                            "archivé"
                                                        </span>
                                                    }
                                                })}
                                            <span class="people-list__meta">
                                                {facilitator.organisation}
                                                {facilitator
                                                    .email
                                                    .map(|email| {
                                                        view! {
                                                            " · "
                                                            {email}
                                                        }
                                                    })}
                                                {facilitator
                                                    .phone
                                                    .map(|phone| {
                                                        view! {
                                                            " · "
                                                            {phone}
                                                        }
                                                    })}
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            },
        )}
    }
}

/// `/intervenants/nouveau`: add a guest facilitator; they receive a sign-in link.
#[component]
pub fn NewFacilitatorPage() -> impl IntoView {
    let create = ServerAction::<CreateFacilitator>::new();
    // Staff only: the list answers 401/403 for anyone else, before they fill anything in.
    let allowed = Resource::new_blocking(|| (), |_| list_facilitators());
    view! {
        <Title text="Ajouter un intervenant — Ateliers" />
        <h1>"Ajouter un intervenant"</h1>
        {loaded(
            allowed,
            move |_| {
                view! {
                    <FormError error=create.value().get_untracked().and_then(Result::err) />
                    <ActionForm action=create attr:data-test="facilitator-form">
                        <FacilitatorFields form=FacilitatorForm::default() />
                        <button type="submit" class="button" data-test="facilitator-submit">
                            "Ajouter et envoyer le lien de connexion"
                        </button>
                    </ActionForm>
                }
                    .into_any()
            },
        )}
    }
}

/// `/intervenants/:id`: a guest facilitator's details; those who keep them (see
/// `Actor::may_edit_facilitator`) correct, archive or restore them.
#[component]
pub fn FacilitatorPage() -> impl IntoView {
    let id: PersonId = id_param("id");
    const NOTICES: &[(&str, &str)] = &[(
        "retabli",
        "Intervenant·e rétabli·e : il ou elle peut de nouveau demander un lien de connexion.",
    )];
    let update = ServerAction::<UpdateFacilitator>::new();
    let archive = ServerAction::<ArchiveFacilitator>::new();
    let restore = ServerAction::<RestoreFacilitator>::new();
    let facilitator = Resource::new_blocking(move || id, view_facilitator);
    view! {
        <Title text="Intervenant — Ateliers" />
        <p>
            <a href="/intervenants">"← Tous les intervenants"</a>
        </p>
        <QueryNotice notices=NOTICES />
        <FormError error=update.value().get_untracked().and_then(Result::err) />
        <FormError error=archive.value().get_untracked().and_then(Result::err) />
        <FormError error=restore.value().get_untracked().and_then(Result::err) />
        {loaded(
            facilitator,
            move |details| view! { <FacilitatorFile details update archive restore /> },
        )}
    }
}

#[component]
fn FacilitatorFile(
    details: FacilitatorDetails,
    update: ServerAction<UpdateFacilitator>,
    archive: ServerAction<ArchiveFacilitator>,
    restore: ServerAction<RestoreFacilitator>,
) -> impl IntoView {
    let FacilitatorDetails {
        id,
        form,
        archived,
        editable,
    } = details;
    let title = format!("{} {}", form.first_name, form.last_name);
    let body = match (editable, archived) {
        (true, false) => view! {
            <ActionForm action=update attr:data-test="facilitator-form">
                <input type="hidden" name="id" value=id.to_string() />
                <FacilitatorFields form />
                <button type="submit" class="button" data-test="facilitator-submit">
                    "Enregistrer"
                </button>
            </ActionForm>
            <ActionForm action=archive attr:class="danger-zone">
                <ArchiveConfirmation
                    id=id.to_string()
                    explanation="Archiver retire l'intervenant de la liste et l'empêche de se connecter. Les séances qu'il a animées gardent son nom. Il peut être rétabli ensuite."
                    button="Archiver"
                    test="archive-facilitator"
                />
            </ActionForm>
        }
            .into_any(),
        (true, true) => view! {
            <FacilitatorReadOnly form />
            <ActionForm action=restore attr:class="danger-zone" attr:data-test="restore-form">
                <input type="hidden" name="id" value=id.to_string() />
                <p>
                    "Rétablir l'intervenant le remet dans la liste ; il pourra de nouveau se connecter en demandant un lien."
                </p>
                <button
                    type="submit"
                    class="button button--secondary"
                    data-test="restore-facilitator"
                >
                    "Rétablir"
                </button>
            </ActionForm>
        }
            .into_any(),
        (false, _) => view! {
            <FacilitatorReadOnly form />
            <p class="notice" data-test="facilitator-kept-by">
                "Sa fiche est tenue par la coordination et par les Missions Locales dont il anime des séances (ou, tant qu'il n'en anime aucune, par la personne qui l'a ajouté)."
            </p>
        }
            .into_any(),
    };
    view! {
        <h1>{title}</h1>
        {archived
            .then(|| {
                view! {
                    <p class="lead">
                        <strong data-test="archived">"Intervenant archivé"</strong>
                    </p>
                }
            })}
        {body}
    }
}

#[component]
fn FacilitatorReadOnly(form: FacilitatorForm) -> impl IntoView {
    view! {
        <dl class="record" data-test="facilitator-details">
            <dt>"Structure"</dt>
            <dd>{form.organisation}</dd>
            <dt>"E-mail"</dt>
            <dd>{form.email}</dd>
            <dt>"Téléphone"</dt>
            <dd>{form.phone}</dd>
        </dl>
    }
}

/// The fields of a facilitator's form, named `facilitator[...]`.
#[component]
fn FacilitatorFields(form: FacilitatorForm) -> impl IntoView {
    view! {
        <label for="f-first-name">"Prénom"</label>
        <input
            id="f-first-name"
            name="facilitator[first_name]"
            value=form.first_name
            required
            data-test="first-name"
        />
        <label for="f-last-name">"Nom"</label>
        <input
            id="f-last-name"
            name="facilitator[last_name]"
            value=form.last_name
            required
            data-test="last-name"
        />
        <label for="f-organisation">"Structure (journal, entreprise, association)"</label>
        <input
            id="f-organisation"
            name="facilitator[organisation]"
            value=form.organisation
            required
            data-test="organisation"
        />
        <label for="f-email">"Adresse e-mail"</label>
        <input
            id="f-email"
            name="facilitator[email]"
            type="email"
            value=form.email
            required
            data-test="email"
        />
        <label for="f-phone">"Téléphone (facultatif)"</label>
        <input
            id="f-phone"
            name="facilitator[phone]"
            type="tel"
            value=form.phone
            data-test="phone"
        />
    }
}
