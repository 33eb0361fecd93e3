use leptos::prelude::*;
use leptos_meta::Title;
use shared::domain::{EvidenceErasurePreview, MinimisationLine, PrivacyNotice, RetentionOverview};

use crate::components::{FormError, QueryNotice, loaded};
use crate::server_fns::{
    HoldMinimisation, LiftMinimisationHold, preview_minimisation, view_privacy_notice,
};

/// `/conservation`: for coordinators, what the daily job will minimise within 30 days, the
/// youths on hold, and the durations in force.
#[component]
pub fn RetentionPage() -> impl IntoView {
    const NOTICES: &[(&str, &str)] = &[
        (
            "suspendu",
            "Minimisation suspendue : rien ne sera effacé pour ce jeune tant que la suspension tient.",
        ),
        (
            "leve",
            "Suspension levée : le prochain passage quotidien minimisera ses données si elles sont dues.",
        ),
    ];
    let hold = ServerAction::<HoldMinimisation>::new();
    let lift = ServerAction::<LiftMinimisationHold>::new();
    let overview = Resource::new_blocking(|| (), |_| preview_minimisation());
    view! {
        <Title text="Conservation des données — Ateliers" />
        <h1>"Conservation des données"</h1>
        <QueryNotice notices=NOTICES />
        <FormError error=hold.value().get_untracked().and_then(Result::err) />
        <FormError error=lift.value().get_untracked().and_then(Result::err) />
        {loaded(overview, move |overview| view! { <Overview overview hold lift /> })}
    }
}

#[component]
fn Overview(
    overview: RetentionOverview,
    hold: ServerAction<HoldMinimisation>,
    lift: ServerAction<LiftMinimisationHold>,
) -> impl IntoView {
    let RetentionOverview {
        personal_data,
        evidence,
        due_soon,
        on_hold,
        minimised,
        evidence_erasure,
        ..
    } = overview;
    view! {
        <dl class="record" data-test="retention-settings">
            <dt>"Données personnelles"</dt>
            <dd data-test="personal-data-kept">{personal_data}</dd>
            <dt>"Preuves pour le financeur"</dt>
            <dd data-test="evidence-kept">{evidence}</dd>
            <dt>"Jeunes déjà minimisés"</dt>
            <dd data-test="minimised-count">{minimised}</dd>
        </dl>
        <p>
            <a href="/confidentialite">"Ce que dit la page « Confidentialité »"</a>
        </p>
        <section aria-labelledby="a-minimiser" data-test="due-soon">
            <h2 id="a-minimiser">"À minimiser dans les 30 prochains jours"</h2>
            <p class="hint">
                "Chaque jour, Ateliers retire les coordonnées, les textes libres et les informations sensibles des jeunes sortis du programme depuis la durée ci-dessus, et les remplace par un pseudonyme. Les feuilles d'émargement et les heures restent, comme le financeur l'exige. Suspendez un jeune en cas de contrôle ou de litige."
            </p>
            <MinimisationList
                lines=due_soon
                empty="Personne dans les 30 prochains jours."
                hold
                lift
            />
        </section>
        <section aria-labelledby="suspendus" data-test="on-hold">
            <h2 id="suspendus">"Minimisation suspendue"</h2>
            <MinimisationList lines=on_hold empty="Aucune suspension en cours." hold lift />
        </section>
        <EvidenceErasure preview=evidence_erasure />
    }
}

/// When the programme's evidence goes, and how much of it there is.
#[component]
fn EvidenceErasure(preview: Option<EvidenceErasurePreview>) -> impl IntoView {
    let body = match preview {
        None => view! {
            <p data-test="evidence-erasure-unknown">
                "L'année du dernier paiement du programme n'est pas encore connue : les feuilles d'émargement, les heures et les inscriptions sont conservées. Une fois cette année fixée (réglage PROGRAMME_LAST_PAYMENT_YEAR), cette page dira quand elles seront effacées."
            </p>
        }
            .into_any(),
        Some(preview) => {
            let when = if preview.soon {
                format!("à partir du {} : bientôt", preview.from)
            } else {
                format!("à partir du {}", preview.from)
            };
            view! {
                <p data-test="evidence-erasure" data-soon=preview.soon.to_string()>
                    "Ateliers effacera les preuves du programme "
                    <strong>{when}</strong>
                    " : les feuilles d'émargement, leurs PDF, les présences et les inscriptions de "
                    <span data-test="evidence-sessions">{preview.sessions}</span>
                    " séance(s), puis tout ce qui reste de "
                    <span data-test="evidence-youths">{preview.youths}</span>
                    " jeune(s) du programme."
                </p>
                {(preview.held > 0)
                    .then(|| {
                        view! {
                            <p data-test="evidence-held">
                                {preview.held}
                                " jeune(s) suspendu(s) : eux, les séances qu'ils ont suivies et les autres participants de ces séances restent tant que la suspension tient."
                            </p>
                        }
                    })}
            }
                .into_any()
        }
    };
    view! {
        <section aria-labelledby="fin-des-preuves" data-test="evidence-end">
            <h2 id="fin-des-preuves">"Fin de la conservation des preuves"</h2>
            {body}
        </section>
    }
}

/// Youths of the preview, or a sentence when there are none.
#[component]
fn MinimisationList(
    lines: Vec<MinimisationLine>,
    empty: &'static str,
    hold: ServerAction<HoldMinimisation>,
    lift: ServerAction<LiftMinimisationHold>,
) -> impl IntoView {
    if lines.is_empty() {
        return view! { <p data-test="nothing-listed">{empty}</p> }.into_any();
    }
    view! {
        <ul class="people-list">
            {lines.into_iter().map(|line| view! { <DueLine line hold lift /> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// One youth: when they left, when the job minimises them, and the hold (or the form to place
/// one).
#[component]
fn DueLine(
    line: MinimisationLine,
    hold: ServerAction<HoldMinimisation>,
    lift: ServerAction<LiftMinimisationHold>,
) -> impl IntoView {
    let id = line.youth_id.to_string();
    let reason_id = format!("motif-{id}");
    let file = format!("/jeunes/{id}");
    let (hold_id, lift_id) = (id.clone(), id.clone());
    view! {
        <li class="card" data-test="minimisation-line" data-youth=id>
            <h3>
                <a href=file>{line.name}</a>
            </h3>
            <p>
                {line.mission_locale} " · sorti·e le " {line.left_on} " · "
                {if line.overdue {
                    "minimisation au prochain passage".to_owned()
                } else {
                    format!("minimisation le {}", line.due_on)
                }}
            </p>
            {match line.hold {
                Some(held) => {
                    view! {
                        <p data-test="hold-reason">
                            <strong>"Suspendu : "</strong>
                            {held.reason}
                            " ("
                            {held.placed}
                            ")"
                        </p>
                        <ActionForm action=lift>
                            <input type="hidden" name="youth_id" value=lift_id />
                            <button
                                type="submit"
                                class="button button--secondary"
                                data-test="lift-hold"
                            >
                                "Lever la suspension"
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <ActionForm action=hold>
                            <input type="hidden" name="youth_id" value=hold_id />
                            <label for=reason_id.clone()>"Motif de la suspension"</label>
                            <input
                                id=reason_id
                                name="reason"
                                type="text"
                                required=true
                                minlength="5"
                                maxlength="300"
                                data-test="hold-reason-input"
                            />
                            <button
                                type="submit"
                                class="button button--secondary"
                                data-test="place-hold"
                            >
                                "Suspendre la minimisation"
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                }
            }}
        </li>
    }
}

/// `/confidentialite`: what Ateliers keeps about young people, why, for how long and how to
/// exercise one's rights, in plain French, from the settings in force. Linked from every page.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let notice = Resource::new_blocking(|| (), |_| view_privacy_notice());
    view! {
        <Title text="Confidentialité — Ateliers" />
        <h1>"Vos données personnelles"</h1>
        {loaded(notice, move |notice| view! { <Notice notice /> })}
    }
}

#[component]
fn Notice(notice: PrivacyNotice) -> impl IntoView {
    let PrivacyNotice {
        personal_data,
        evidence,
        message_bodies,
        minimised,
        kept,
    } = notice;
    let list = |lines: Vec<String>, test: &'static str| {
        view! {
            <ul class="history" data-test=test>
                {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        }
    };
    view! {
        <section aria-labelledby="qui">
            <h2 id="qui">"Qui utilise vos données, et pourquoi"</h2>
            <p>
                "Les Missions Locales de Seine-Saint-Denis et leur fédération utilisent Ateliers pour le programme d'accompagnement cofinancé par le Fonds social européen. Vos données servent à organiser les ateliers, à vous y inscrire et à vous prévenir, à suivre votre parcours avec votre conseiller·e (un à deux contacts par mois), et à prouver au financeur que les ateliers ont eu lieu."
            </p>
        </section>
        <section aria-labelledby="quoi">
            <h2 id="quoi">"Ce qui est enregistré"</h2>
            <p>
                "Votre nom, votre date de naissance, votre genre, votre e-mail et votre téléphone ; les dates de votre parcours et votre situation à la sortie ; vos inscriptions, vos présences et vos signatures ; la date, le type et la durée de vos entretiens individuels, avec leur objet en une ligne."
            </p>
            <p>
                "Une reconnaissance de handicap ou un suivi judiciaire n'est visible que par votre conseiller·e référent·e, les référent·es spécialisé·es et la coordination ; chaque consultation est enregistrée et votre référent·e peut voir qui l'a consultée."
            </p>
        </section>
        <section aria-labelledby="qui-voit">
            <h2 id="qui-voit">"Qui les voit"</h2>
            <p>
                "L'équipe de votre Mission Locale et la coordination de la fédération. Les intervenant·es d'un atelier voient le nom des personnes inscrites. Les contrôleurs du Fonds social européen peuvent consulter les feuilles d'émargement."
            </p>
        </section>
        <section aria-labelledby="combien">
            <h2 id="combien">"Combien de temps"</h2>
            <dl class="record">
                <dt>"Vos coordonnées et le reste de votre dossier"</dt>
                <dd data-test="privacy-personal-data">{personal_data}</dd>
                <dt>"Le contenu des e-mails et SMS envoyés"</dt>
                <dd data-test="privacy-messages">{message_bodies}</dd>
                <dt>"Les preuves demandées par le financeur"</dt>
                <dd data-test="privacy-evidence">{evidence}</dd>
            </dl>
            <p>"Passé ce délai, sont retirés :"</p>
            {list(minimised, "privacy-minimised")}
            <p>"Restent, sous un pseudonyme, jusqu'à la fin de la durée des preuves :"</p>
            {list(kept, "privacy-kept")}
            <p data-test="privacy-evidence-end">
                "À la fin de la durée des preuves, elles sont effacées, et avec elles tout ce qui restait de vous dans Ateliers."
            </p>
        </section>
        <section aria-labelledby="droits">
            <h2 id="droits">"Vos droits"</h2>
            <p>
                "Une fois connecté·e, téléchargez depuis votre page d'accueil une copie de tout ce qu'Ateliers conserve sur vous (« Mes données ») ; votre conseiller·e peut aussi la produire pour vous. Pour faire corriger vos données, vous opposer à leur utilisation ou demander leur effacement, adressez-vous à votre conseiller·e ou à votre Mission Locale : la coordination efface ce qui n'est pas une preuve pour le financeur et vous dit ce qui reste, pourquoi et jusqu'à quand."
            </p>
            <p>
                "Si vous pensez que vos droits ne sont pas respectés, vous pouvez saisir la CNIL : "
                <a href="https://www.cnil.fr/fr/plaintes">"www.cnil.fr/fr/plaintes"</a> "."
            </p>
        </section>
    }
}
