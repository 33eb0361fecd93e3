use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::domain::{
    CONTACT_MAX_MINUTES, CONTACT_SUBJECT_MAX_CHARS, ContactKind, CounsellorOption, ExitOutcome,
    Gender, HoldView, PersonId, SensitiveRead, YouthDetails, YouthForm, YouthPath,
};

use crate::components::{ArchiveConfirmation, Checkbox, FormError, QueryNotice, YouthList, loaded};
use crate::error::AppError;
use crate::server_fns::{
    ArchiveYouth, CreateYouth, EraseYouthData, HoldMinimisation, LiftMinimisationHold,
    RecordIndividualContact, UpdateYouth, list_referent_options, list_youths, view_privacy_notice,
    view_youth,
};

/// `/jeunes`: the youths of the counsellor's Mission Locale (the federation's for a
/// coordinator), searchable by name.
#[component]
pub fn YouthsPage() -> impl IntoView {
    let query = use_query_map();
    let search = query.read_untracked().get("q").unwrap_or_default();
    let mine = query.read_untracked().get("miens").is_some();
    let youths = Resource::new_blocking(
        {
            let search = search.clone();
            move || (mine, search.clone())
        },
        |(mine, search)| list_youths(mine, search),
    );
    view! {
        <Title text="Jeunes — Ateliers" />
        <h1>"Jeunes"</h1>
        <p class="actions">
            <a class="button" href="/jeunes/nouveau" data-test="new-youth">
                "Inscrire un jeune"
            </a>
        </p>
        <form method="get" action="/jeunes" class="search" role="search">
            <label for="youth-search">"Chercher par nom"</label>
            <input id="youth-search" name="q" type="search" value=search />
            <Checkbox name="miens" checked=mine label=" Seulement mes jeunes" />
            <button type="submit" class="button button--secondary">
                "Chercher"
            </button>
        </form>
        {loaded(youths, move |youths| view! { <YouthList youths /> })}
    }
}

/// `/jeunes/nouveau`: open a youth's file. The youth receives a welcome mail with a sign-in link.
#[component]
pub fn NewYouthPage() -> impl IntoView {
    let create = ServerAction::<CreateYouth>::new();
    let referents = Resource::new_blocking(|| (), |_| list_referent_options());
    view! {
        <Title text="Inscrire un jeune — Ateliers" />
        <h1>"Inscrire un jeune"</h1>
        {loaded(
            referents,
            move |referents| {
                view! {
                    <FormError error=create.value().get_untracked().and_then(Result::err) />
                    <ActionForm action=create attr:data-test="youth-form">
                        <YouthFields
                            form=YouthForm::default()
                            referents
                            referent_fixed=None
                            disability_visible=true
                            judicial_supervision_visible=true
                            editing=false
                        />
                        <button type="submit" class="button" data-test="youth-submit">
                            "Inscrire et envoyer le lien de connexion"
                        </button>
                    </ActionForm>
                }
                    .into_any()
            },
        )}
    }
}

/// `/jeunes/:id`: a youth's file, its edit form, their path in the programme and its history.
#[component]
pub fn YouthPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<PersonId>().ok());
    const NOTICES: &[(&str, &str)] = &[
        (
            "cree",
            "Le jeune est inscrit. S'il a une adresse e-mail, il vient de recevoir son lien de connexion.",
        ),
        ("enregistre", "Modifications enregistrées."),
        (
            "contact",
            "Contact enregistré : il compte dans le parcours.",
        ),
        (
            "suspendu",
            "Minimisation suspendue : rien ne sera effacé pour ce jeune tant que la suspension tient.",
        ),
        ("leve", "Suspension levée."),
        (
            "efface",
            "Demande d'effacement traitée : coordonnées, textes libres, informations sensibles et messages sont effacés, le nom remplacé par un pseudonyme. Restent, comme preuves de participation exigées par le Fonds social européen, les feuilles signées, les inscriptions et présences, les dates du programme, le genre et la date de naissance, jusqu'à la fin de leur durée de conservation (page « Confidentialité »).",
        ),
        (
            "archive",
            "Fiche archivée. Elle reste consultable ; le jeune ne peut plus se connecter.",
        ),
    ];
    let update = ServerAction::<UpdateYouth>::new();
    let archive = ServerAction::<ArchiveYouth>::new();
    let record_contact = ServerAction::<RecordIndividualContact>::new();
    let erase = ServerAction::<EraseYouthData>::new();
    let page = Resource::new_blocking(
        move || id,
        |id| async move {
            let Some(id) = id else {
                return Err(AppError::NotFound(
                    shared::ServiceError::NotFound.user_message(),
                ));
            };
            let youth = view_youth(id).await?;
            let referents = if youth.editable {
                list_referent_options().await?
            } else {
                Vec::new()
            };
            Ok((youth, referents))
        },
    );
    view! {
        <Title text="Fiche jeune — Ateliers" />
        <p>
            <a href="/jeunes">"← Tous les jeunes"</a>
        </p>
        <QueryNotice notices=NOTICES />
        <FormError error=update.value().get_untracked().and_then(Result::err) />
        <FormError error=archive.value().get_untracked().and_then(Result::err) />
        <FormError error=erase.value().get_untracked().and_then(Result::err) />
        {loaded(
            page,
            move |(youth, referents)| {
                view! { <YouthFile youth referents update archive record_contact erase /> }
            },
        )}
    }
}

#[component]
fn YouthFile(
    youth: YouthDetails,
    referents: Vec<CounsellorOption>,
    update: ServerAction<UpdateYouth>,
    archive: ServerAction<ArchiveYouth>,
    record_contact: ServerAction<RecordIndividualContact>,
    erase: ServerAction<EraseYouthData>,
) -> impl IntoView {
    let YouthDetails {
        id,
        form,
        referent_name,
        mission_locale_name,
        age,
        archived,
        editable,
        referent_editable,
        disability_visible,
        judicial_supervision_visible,
        history,
        path,
        today,
        sensitive_reads,
        data_exportable,
        erasable,
        hold,
        minimised,
    } = youth;
    let title = format!("{} {}", form.first_name, form.last_name);
    let referent_fixed = (!referent_editable).then(|| referent_name.clone());
    view! {
        <h1 data-test="youth-name">{title}</h1>
        <p class="lead">
            {age} " ans · " {mission_locale_name} " · Référent·e : " {referent_name}
            {archived
                .then(|| view! { <strong data-test="archived">" · Fiche archivée"</strong> })}
        </p>
        {if editable {
            view! {
                <ActionForm action=update attr:data-test="youth-form">
                    <input type="hidden" name="id" value=id.to_string() />
                    // The version the form was filled from: a save over a newer one is refused.
                    <input type="hidden" name="youth[version]" value=form.version.clone() />
                    <YouthFields
                        form
                        referents
                        referent_fixed
                        disability_visible
                        judicial_supervision_visible
                        editing=true
                    />
                    <button type="submit" class="button" data-test="youth-submit">
                        "Enregistrer"
                    </button>
                </ActionForm>
                <ActionForm action=archive attr:class="danger-zone">
                    <ArchiveConfirmation
                        id=id.to_string()
                        explanation="Archiver retire le jeune des listes et l'empêche de se connecter. Rien n'est effacé : ses présences restent dans les feuilles d'émargement."
                        button="Archiver la fiche"
                        test="archive-youth"
                    />
                </ActionForm>
            }
                .into_any()
        } else {
            view! { <YouthReadOnly form disability_visible judicial_supervision_visible /> }
                .into_any()
        }}
        <YouthPathSection path />
        {editable
            .then(|| {
                view! { <ContactFormSection id today action=record_contact /> }
            })}
        {sensitive_reads.map(|reads| view! { <SensitiveReadsSection reads /> })}
        {data_exportable
            .then(|| {
                view! {
                    <section aria-labelledby="donnees">
                        <h2 id="donnees">"Ses données"</h2>
                        <p>
                            <a
                                class="button button--secondary"
                                href=format!("/jeunes/{id}/donnees.zip")
                                data-test="youth-data-download"
                            >
                                "Télécharger tout ce qu'Ateliers conserve sur ce jeune"
                            </a>
                        </p>
                        <p class="hint">
                            "Une archive avec une page lisible et un fichier JSON, à remettre au jeune qui la demande. Chaque copie produite est enregistrée."
                        </p>
                    </section>
                }
            })}
        {erasable.then(|| view! { <RetentionSection id hold minimised erase /> })}
        {(!history.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="historique">
                        <h2 id="historique">"Historique"</h2>
                        <ul class="history" data-test="history">
                            {history
                                .into_iter()
                                .map(|line| {
                                    view! {
                                        <li>
                                            <strong>{line.action}</strong>
                                            " — "
                                            {line.at}
                                            " — "
                                            {line.actor_name}
                                            {(!line.details.is_empty())
                                                .then(|| {
                                                    view! {
                                                        <br />
                                                        <span>{line.details}</span>
                                                    }
                                                })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
    }
}

/// The sessions attended and individual contacts month by month against the target of one to
/// two contacts: a plain list, one card per month, so that it reads on a phone.
#[component]
fn YouthPathSection(path: YouthPath) -> impl IntoView {
    let weeks = |count: u32| match count {
        0 | 1 => format!("{count} semaine"),
        count => format!("{count} semaines"),
    };
    let period = if path.not_started {
        format!(
            "Entrée dans le programme le {} : le parcours commence à cette date.",
            path.entry
        )
    } else if path.ended {
        format!(
            "Du {} au {} (programme terminé).",
            path.entry, path.last_day
        )
    } else {
        format!("Depuis le {}, jusqu'au {}.", path.entry, path.last_day)
    };
    view! {
        <section aria-labelledby="parcours" data-test="youth-path">
            <h2 id="parcours">"Parcours"</h2>
            <p class="lead">{period}</p>
            <dl class="record">
                <dt>"Ateliers suivis"</dt>
                <dd data-test="sessions-attended">
                    {path.sessions_attended} " (" {path.hours_attended} ")"
                </dd>
                <dt>"Contacts individuels"</dt>
                <dd data-test="individual-contacts">{path.individual_contacts}</dd>
                <dt>"Mois avec contact"</dt>
                <dd data-test="months-with-contact">
                    {path.months_with_contact} " sur " {path.months_elapsed}
                </dd>
                <dt>"Dernier contact"</dt>
                <dd data-test="last-contact">
                    {path.last_contact.unwrap_or_else(|| "aucun depuis l'entrée".to_owned())}
                </dd>
                <dt>"Sans contact depuis"</dt>
                <dd data-test="weeks-without-contact" data-weeks=path.weeks_without_contact>
                    {weeks(path.weeks_without_contact)}
                </dd>
            </dl>
            <p class="path-note">
                "Objectif du programme : 1 à 2 contacts par mois. Un contact est un atelier suivi (présent·e ou en retard) ou un contact individuel enregistré ci-dessous (entretien, appel, visioconférence, message)."
            </p>
            <ol class="path-months">
                {path
                    .months
                    .into_iter()
                    .map(|month| {
                        view! {
                            <li
                                class="path-month"
                                data-test="path-month"
                                data-target=month.target.code()
                                data-contacts=month.contacts
                            >
                                <h3 class="path-month__title">
                                    {month.label} {month.current.then_some(" (en cours)")}
                                </h3>
                                <p class="path-month__verdict">
                                    <span class="tag" data-test="path-target">
                                        {month.target.label()}
                                    </span>
                                    {match month.sessions.len() {
                                        0 => String::new(),
                                        1 => " · 1 atelier".to_owned(),
                                        count => format!(" · {count} ateliers"),
                                    }}
                                    {match month.individual_contacts.len() {
                                        0 => String::new(),
                                        1 => " · 1 contact individuel".to_owned(),
                                        count => format!(" · {count} contacts individuels"),
                                    }}
                                </p>
                                {(!month.sessions.is_empty())
                                    .then(|| {
                                        view! {
                                            <ul class="path-month__sessions">
                                                {month
                                                    .sessions
                                                    .into_iter()
                                                    .map(|session| {
                                                        view! {
                                                            <li data-test="path-session">
                                                                {session.day} " — " {session.title}
                                                                <span class="path-month__meta">
                                                                    {session.theme} " · " {session.duration}
                                                                </span>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        }
                                    })}
                                {(!month.individual_contacts.is_empty())
                                    .then(|| {
                                        view! {
                                            <ul class="path-month__sessions">
                                                {month
                                                    .individual_contacts
                                                    .into_iter()
                                                    .map(|contact| {
                                                        view! {
                                                            <li data-test="path-contact" data-kind=contact.kind.code()>
                                                                {contact.day}
                                                                " — "
                                                                {contact.kind.label()}
                                                                " : "
                                                                {contact.subject}
                                                                <span class="path-month__meta">
                                                                    {contact.duration} " · " {contact.recorded_by}
                                                                </span>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// For coordinators: the hold on the youth's minimisation (a control, a dispute), then the
/// erasure request, what stays, why and until when said before the button.
#[component]
fn RetentionSection(
    id: PersonId,
    hold: Option<HoldView>,
    minimised: bool,
    erase: ServerAction<EraseYouthData>,
) -> impl IntoView {
    let place = ServerAction::<HoldMinimisation>::new();
    let lift = ServerAction::<LiftMinimisationHold>::new();
    if minimised {
        return view! {
            <section aria-labelledby="conservation" data-test="minimised">
                <h2 id="conservation">"Données personnelles"</h2>
                <p>
                    "Les données personnelles de ce jeune ont été minimisées : il ne reste que les preuves demandées par le financeur, sous un pseudonyme."
                </p>
            </section>
        }
            .into_any();
    }
    view! {
        <section aria-labelledby="conservation" data-test="file-hold">
            <h2 id="conservation">"Conservation de ses données"</h2>
            <FormError error=place.value().get_untracked().and_then(Result::err) />
            {match hold {
                Some(held) => {
                    view! {
                        <p data-test="file-hold-reason">
                            <strong>"Minimisation suspendue : "</strong>
                            {held.reason}
                            " ("
                            {held.placed}
                            ")"
                        </p>
                        <ActionForm action=lift>
                            <input type="hidden" name="youth_id" value=id.to_string() />
                            <input type="hidden" name="from_file" value="on" />
                            <button
                                type="submit"
                                class="button button--secondary"
                                data-test="file-lift-hold"
                            >
                                "Lever la suspension"
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <ActionForm action=place>
                            <input type="hidden" name="youth_id" value=id.to_string() />
                            <input type="hidden" name="from_file" value="on" />
                            <label for="file-hold-reason">
                                "Suspendre la minimisation de ses données (contrôle, litige) : motif"
                            </label>
                            <input
                                id="file-hold-reason"
                                name="reason"
                                type="text"
                                required=true
                                minlength="5"
                                maxlength="300"
                                data-test="file-hold-input"
                            />
                            <button
                                type="submit"
                                class="button button--secondary"
                                data-test="file-place-hold"
                            >
                                "Suspendre"
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                }
            }}
        </section>
        <ErasureSection id erase />
    }
        .into_any()
}

/// A coordinator acts on the youth's erasure request: what stays, why and until when is said
/// before the button.
#[component]
fn ErasureSection(id: PersonId, erase: ServerAction<EraseYouthData>) -> impl IntoView {
    let notice = Resource::new_blocking(|| (), |_| view_privacy_notice());
    view! {
        <section aria-labelledby="effacement" class="danger-zone" data-test="erasure">
            <h2 id="effacement">"Droit à l'effacement"</h2>
            {loaded(
                notice,
                move |notice| {
                    view! {
                        <p>
                            "Si le jeune demande l'effacement de ses données, tout ce qui n'est pas une preuve pour le financeur est effacé tout de suite : coordonnées, informations sensibles, textes libres, messages ; son nom devient un pseudonyme. Restent, parce que le Fonds social européen les contrôle (durée de conservation : "
                            {notice.evidence} ") :"
                        </p>
                        <ul class="history" data-test="erasure-kept">
                            {notice
                                .kept
                                .into_iter()
                                .map(|line| view! { <li>{line}</li> })
                                .collect_view()}
                        </ul>
                    }
                },
            )}
            <ActionForm action=erase>
                <input type="hidden" name="id" value=id.to_string() />
                <p class="choice">
                    <input
                        type="checkbox"
                        id="confirm-erasure"
                        name="confirm"
                        value="on"
                        data-test="confirm-erasure"
                    />
                    <label for="confirm-erasure">
                        "Le jeune a demandé l'effacement ; je comprends qu'il ne peut pas être annulé."
                    </label>
                </p>
                <button type="submit" class="button button--danger" data-test="erase-data">
                    "Effacer ses données"
                </button>
            </ActionForm>
        </section>
    }
}

/// Who else was shown the youth's sensitive flags: the referent answers for them.
#[component]
fn SensitiveReadsSection(reads: Vec<SensitiveRead>) -> impl IntoView {
    view! {
        <section aria-labelledby="consultations" data-test="sensitive-reads">
            <h2 id="consultations">"Consultations des informations sensibles"</h2>
            <p class="hint">
                "Chaque affichage de la reconnaissance de handicap ou du suivi judiciaire de ce jeune est enregistré. Vos propres consultations ne sont pas listées."
            </p>
            {if reads.is_empty() {
                view! {
                    <p data-test="no-sensitive-read">"Personne d'autre ne les a consultées."</p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="history">
                        {reads
                            .into_iter()
                            .map(|read| {
                                view! {
                                    <li data-test="sensitive-read">
                                        <strong>{read.reader_name}</strong>
                                        " — "
                                        {read.at}
                                        <br />
                                        <span>{read.flags}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// Records an individual contact: a plain form that posts without JavaScript.
#[component]
fn ContactFormSection(
    id: PersonId,
    today: String,
    action: ServerAction<RecordIndividualContact>,
) -> impl IntoView {
    view! {
        <section aria-labelledby="nouveau-contact" data-test="contact-section">
            <h2 id="nouveau-contact">"Enregistrer un contact individuel"</h2>
            <FormError error=action.value().get_untracked().and_then(Result::err) />
            <ActionForm action attr:data-test="contact-form">
                <input type="hidden" name="id" value=id.to_string() />
                <fieldset>
                    <legend>"Type de contact"</legend>
                    {ContactKind::ALL
                        .into_iter()
                        .map(|kind| {
                            let input_id = format!("contact-{}", kind.code());
                            view! {
                                <p class="choice">
                                    <input
                                        type="radio"
                                        id=input_id.clone()
                                        name="contact[kind]"
                                        value=kind.code()
                                        required=true
                                        checked=kind == ContactKind::InPerson
                                        data-test=format!("contact-kind-{}", kind.code())
                                    />
                                    <label for=input_id>{kind.label()}</label>
                                </p>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <label for="contact-day">"Date"</label>
                <input
                    id="contact-day"
                    name="contact[day]"
                    type="date"
                    required=true
                    max=today.clone()
                    value=today
                    data-test="contact-day"
                />
                <label for="contact-minutes">"Durée (en minutes)"</label>
                <input
                    id="contact-minutes"
                    name="contact[minutes]"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=CONTACT_MAX_MINUTES.to_string()
                    required=true
                    value="30"
                    data-test="contact-minutes"
                />
                <label for="contact-subject">"Objet, en une ligne"</label>
                <input
                    id="contact-subject"
                    name="contact[subject]"
                    type="text"
                    required=true
                    maxlength=CONTACT_SUBJECT_MAX_CHARS.to_string()
                    aria-describedby="contact-subject-hint"
                    data-test="contact-subject"
                />
                <p class="hint" id="contact-subject-hint">
                    "Par exemple « Point sur la recherche de stage ». Aucune donnée sensible (santé, justice, situation familiale) : l'objet est lu par l'équipe et figure dans le dossier que le jeune peut demander."
                </p>
                <button type="submit" class="button" data-test="contact-submit">
                    "Enregistrer le contact"
                </button>
            </ActionForm>
        </section>
    }
}

/// Under a youth's number: a landline (or an 08/09 number) cannot receive the SMS that sign in,
/// confirm and remind. Shown from the number on file, so it reads the same without JavaScript.
#[component]
fn NoSmsNotice(phone: String) -> impl IntoView {
    let landline = shared::domain::PhoneNumber::parse(&phone).is_ok_and(|phone| !phone.is_mobile());
    landline.then(|| {
        view! {
            <p class="notice" data-test="phone-no-sms">
                "Ce numéro est un fixe : il ne peut pas recevoir de SMS (code de connexion, confirmations, rappels). Ajoutez un numéro de portable (06 ou 07) si le ou la jeune en a un."
            </p>
        }
    })
}

#[component]
fn YouthReadOnly(
    form: YouthForm,
    disability_visible: bool,
    judicial_supervision_visible: bool,
) -> impl IntoView {
    let yes_no = |value: &Option<String>| if value.is_some() { "oui" } else { "non" };
    view! {
        <dl class="record">
            <dt>"E-mail"</dt>
            <dd>{form.email.clone()}</dd>
            <dt>"Téléphone"</dt>
            <dd>{form.phone.clone()} <NoSmsNotice phone=form.phone.clone() /></dd>
            <dt>"Entrée dans le programme"</dt>
            <dd>{form.programme_entry_date.clone()}</dd>
            {disability_visible
                .then(|| {
                    view! {
                        <dt>"Reconnaissance de handicap"</dt>
                        <dd data-test="flag-disability">{yes_no(&form.disability_recognised)}</dd>
                    }
                })}
            {judicial_supervision_visible
                .then(|| {
                    view! {
                        <dt>"Suivi judiciaire"</dt>
                        <dd data-test="flag-justice">{yes_no(&form.judicial_supervision)}</dd>
                    }
                })}
        </dl>
    }
}

/// The fields of a youth's file, named `youth[...]` for the server function's `youth` argument.
#[component]
fn YouthFields(
    form: YouthForm,
    referents: Vec<CounsellorOption>,
    /// The referent's name, when the reader may not name another one: shown, not offered.
    referent_fixed: Option<String>,
    disability_visible: bool,
    judicial_supervision_visible: bool,
    editing: bool,
) -> impl IntoView {
    let selected_referent = form.referent_id.clone();
    view! {
        <fieldset>
            <legend>"Identité"</legend>
            <label for="first_name">"Prénom"</label>
            <input
                id="first_name"
                name="youth[first_name]"
                value=form.first_name
                autocomplete="off"
                required
                data-test="first-name"
            />
            <label for="last_name">"Nom"</label>
            <input
                id="last_name"
                name="youth[last_name]"
                value=form.last_name
                autocomplete="off"
                required
                data-test="last-name"
            />
            <label for="date_of_birth">"Date de naissance"</label>
            <input
                id="date_of_birth"
                name="youth[date_of_birth]"
                type="date"
                value=form.date_of_birth
                required
                data-test="date-of-birth"
            />
            <label for="gender">"Genre"</label>
            <select id="gender" name="youth[gender]" required data-test="gender">
                {Gender::ALL
                    .into_iter()
                    .map(|gender| {
                        view! {
                            <option value=gender.code() selected=form.gender == gender.code()>
                                {gender.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </fieldset>
        <fieldset>
            <legend>"Pour le joindre (au moins l'un des deux)"</legend>
            <label for="email">"Adresse e-mail"</label>
            <input
                id="email"
                name="youth[email]"
                type="email"
                value=form.email
                autocomplete="off"
                data-test="email"
            />
            <label for="phone">"Téléphone portable"</label>
            <input
                id="phone"
                name="youth[phone]"
                type="tel"
                value=form.phone.clone()
                autocomplete="off"
                data-test="phone"
            />
            <NoSmsNotice phone=form.phone />
        </fieldset>
        <fieldset>
            <legend>"Parcours"</legend>
            {match referent_fixed {
                Some(name) => {
                    // The current referent is posted back as it is: the service keeps it.
                    view! {
                        <input
                            type="hidden"
                            name="youth[referent_id]"
                            value=selected_referent.clone()
                        />
                        <p data-test="referent-fixed">
                            "Conseiller·ère référent·e : " <strong>{name}</strong> <br />
                            <small>
                                "Seul le ou la référent·e, ou la coordination, peut confier ce jeune à quelqu'un d'autre."
                            </small>
                        </p>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <label for="referent">"Conseiller·ère référent·e"</label>
                        <select id="referent" name="youth[referent_id]" data-test="referent">
                            {(!editing).then(|| view! { <option value="">"Moi-même"</option> })}
                            {referents
                                .into_iter()
                                .map(|referent| {
                                    let id = referent.id.to_string();
                                    let selected = id == selected_referent;
                                    view! {
                                        <option value=id selected=selected>
                                            {referent.label}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    }
                        .into_any()
                }
            }}
            <label for="programme_entry_date">"Entrée dans le programme"</label>
            <input
                id="programme_entry_date"
                name="youth[programme_entry_date]"
                type="date"
                value=form.programme_entry_date
                required
                data-test="entry-date"
            />
            {editing
                .then(|| {
                    view! {
                        <label for="programme_exit_date">"Sortie du programme (si terminé)"</label>
                        <input
                            id="programme_exit_date"
                            name="youth[programme_exit_date]"
                            type="date"
                            value=form.programme_exit_date.clone()
                            data-test="exit-date"
                        />
                        <label for="exit_outcome">"Issue du parcours"</label>
                        <select
                            id="exit_outcome"
                            name="youth[exit_outcome]"
                            data-test="exit-outcome"
                        >
                            <option value="">"—"</option>
                            {ExitOutcome::ALL
                                .into_iter()
                                .map(|outcome| {
                                    view! {
                                        <option
                                            value=outcome.code()
                                            selected=form.exit_outcome == outcome.code()
                                        >
                                            {outcome.label()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    }
                })}
        </fieldset>
        {(disability_visible || judicial_supervision_visible)
            .then(|| {
                view! {
                    <fieldset>
                        <legend>
                            "Informations sensibles (visibles seulement du référent, des conseillers spécialisés et de la coordination)"
                        </legend>
                        {disability_visible
                            .then(|| {
                                view! {
                                    <Checkbox
                                        name="youth[disability_recognised]"
                                        checked=form.disability_recognised.is_some()
                                        label=" Reconnaissance de handicap (RQTH)"
                                        test="flag-disability"
                                    />
                                }
                            })}
                        {judicial_supervision_visible
                            .then(|| {
                                view! {
                                    <Checkbox
                                        name="youth[judicial_supervision]"
                                        checked=form.judicial_supervision.is_some()
                                        label=" Suivi judiciaire"
                                        test="flag-justice"
                                    />
                                }
                            })}
                    </fieldset>
                }
            })}
    }
}
