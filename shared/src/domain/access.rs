//! Who may do what, decided in one place. Every service that acts for a person asks this module;
//! no page or component decides access by itself. The `access_matrix` integration test runs every
//! server function and protected page against every kind of actor (8 of them) and fails when one
//! has no entry, so access is decided for everything.
//!
//! Each rule is one `Actor` method: people's files (`may_view_youth`, `may_edit_youth`,
//! `may_change_referent`, `sensitive_flags_visible`, `may_see_sensitive_reads`,
//! `may_export_youth_data`,
//! `may_edit_facilitator`,
//! `may_manage_people`, `may_manage_staff`, `youth_scope`, `may_refer_to`), sessions and places
//! (`may_plan_for`, `may_edit_site`, `may_edit_catalogue`, `may_view_agenda`), enrolment
//! (`may_enrol_youth`, `may_remove_from_session`, `may_see_on_roster`), attendance
//! (`may_take_attendance`, `may_correct_attendance`, `may_file_paper_sheet`), figures and mail
//! (`may_view_figures`, `may_view_federation`, `may_view_service_health`, `may_see_mail_about`),
//! retention (`may_manage_retention`).

use super::{MissionLocaleId, PersonId};
use serde::{Deserialize, Serialize};

/// The person making a request, as the session established it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    Anonymous,
    /// Federation staff: sees everything.
    Coordinator {
        person_id: PersonId,
    },
    Counsellor {
        person_id: PersonId,
        mission_locale_id: MissionLocaleId,
        disability_specialist: bool,
        justice_specialist: bool,
    },
    Youth {
        person_id: PersonId,
    },
    Facilitator {
        person_id: PersonId,
    },
}

/// What access decisions need to know about a youth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YouthFile {
    pub person_id: PersonId,
    pub referent_id: PersonId,
    /// The Mission Locale of the referent counsellor.
    pub mission_locale_id: MissionLocaleId,
}

/// The sensitive flags a given actor may read on a youth's file (GDPR art. 9 and 10 data).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SensitiveFlagsVisibility {
    pub disability: bool,
    pub judicial_supervision: bool,
}

impl SensitiveFlagsVisibility {
    /// Both flags: what coordinators read, and what a youth's archive holds.
    pub const ALL: SensitiveFlagsVisibility = SensitiveFlagsVisibility {
        disability: true,
        judicial_supervision: true,
    };

    /// Whether a page showing the file shows any flag: such a read is recorded.
    pub fn any(self) -> bool {
        self.disability || self.judicial_supervision
    }

    /// What a read records: `disability`, `judicial_supervision`, or both, comma-separated.
    pub fn read_codes(self) -> String {
        let mut codes = Vec::new();
        if self.disability {
            codes.push("disability");
        }
        if self.judicial_supervision {
            codes.push("judicial_supervision");
        }
        codes.join(",")
    }

    /// « reconnaissance de handicap, suivi judiciaire », from what a read recorded.
    pub fn read_label(codes: &str) -> String {
        codes
            .split(',')
            .filter_map(|code| match code {
                "disability" => Some("reconnaissance de handicap"),
                "judicial_supervision" => Some("suivi judiciaire"),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What access decisions need to know about a guest facilitator.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacilitatorFile {
    /// The Mission Locales organising the sessions they run or ran (any status).
    pub session_mission_locales: Vec<MissionLocaleId>,
    /// The staff member who added them, when it was recorded.
    pub added_by: Option<PersonId>,
}

/// Whom a message in the outbox is about, for the failed-mail list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailSubject {
    /// A message about no one in particular.
    Nobody,
    Youth {
        file: YouthFile,
        archived: bool,
    },
    /// A staff member: a counsellor of `mission_locale_id`, or a coordinator (`None`).
    Staff {
        mission_locale_id: Option<MissionLocaleId>,
        archived: bool,
    },
    Facilitator {
        file: FacilitatorFile,
        archived: bool,
    },
}

/// Which youths' files an actor can list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YouthScope {
    Federation,
    MissionLocale(MissionLocaleId),
}

impl Actor {
    /// The signed-in person, if any.
    pub fn person_id(&self) -> Option<PersonId> {
        match self {
            Actor::Anonymous => None,
            Actor::Coordinator { person_id }
            | Actor::Counsellor { person_id, .. }
            | Actor::Youth { person_id }
            | Actor::Facilitator { person_id } => Some(*person_id),
        }
    }

    /// Coordinators and counsellors: they create youths' files and guest facilitators, and
    /// see the list of facilitators.
    pub fn may_manage_people(&self) -> bool {
        matches!(self, Actor::Coordinator { .. } | Actor::Counsellor { .. })
    }

    /// Whose files the actor may list: none for youths, facilitators and the anonymous.
    pub fn youth_scope(&self) -> Option<YouthScope> {
        match self {
            Actor::Coordinator { .. } => Some(YouthScope::Federation),
            Actor::Counsellor {
                mission_locale_id, ..
            } => Some(YouthScope::MissionLocale(*mission_locale_id)),
            Actor::Anonymous | Actor::Youth { .. } | Actor::Facilitator { .. } => None,
        }
    }

    /// Whether a youth may be referred to a counsellor of `counsellor_mission_locale_id`: a
    /// counsellor refers within their own Mission Locale, a coordinator anywhere.
    pub fn may_refer_to(&self, counsellor_mission_locale_id: MissionLocaleId) -> bool {
        match self {
            Actor::Coordinator { .. } => true,
            Actor::Counsellor {
                mission_locale_id, ..
            } => *mission_locale_id == counsellor_mission_locale_id,
            Actor::Anonymous | Actor::Youth { .. } | Actor::Facilitator { .. } => false,
        }
    }

    /// Changing a site's details and rooms: coordinators, and the counsellors of the Mission
    /// Locale the site belongs to.
    pub fn may_edit_site(&self, site_mission_locale_id: MissionLocaleId) -> bool {
        self.may_refer_to(site_mission_locale_id)
    }

    /// Planning, changing and cancelling the sessions a Mission Locale organises: its counsellors
    /// and coordinators. Every staff member may read the whole federation's agenda.
    pub fn may_plan_for(&self, organiser_mission_locale_id: MissionLocaleId) -> bool {
        self.may_refer_to(organiser_mission_locale_id)
    }

    /// Enrolling a youth in a session (or taking them off it): those who may change the
    /// youth's file — their Mission Locale's counsellors, and coordinators.
    pub fn may_enrol_youth(&self, youth: &YouthFile) -> bool {
        self.may_edit_youth(youth)
    }

    /// Removing a youth from a session: the session's organisers, or whoever may enrol them.
    pub fn may_remove_from_session(
        &self,
        organiser_mission_locale_id: MissionLocaleId,
        youth: &YouthFile,
    ) -> bool {
        self.may_plan_for(organiser_mission_locale_id) || self.may_enrol_youth(youth)
    }

    /// Naming a youth on a session's list of places: the organisers see everyone; other
    /// counsellors only the youths whose files they may read (the others are only counted).
    pub fn may_see_on_roster(
        &self,
        organiser_mission_locale_id: MissionLocaleId,
        youth: &YouthFile,
    ) -> bool {
        self.may_plan_for(organiser_mission_locale_id) || self.may_view_youth(youth)
    }

    /// Taking attendance (roll-call, check-in screen, collecting signatures, closing the sheet):
    /// the organisers, and the facilitators and counsellors who run the session.
    pub fn may_take_attendance(
        &self,
        organiser_mission_locale_id: MissionLocaleId,
        runs_session: bool,
    ) -> bool {
        self.may_plan_for(organiser_mission_locale_id)
            || (runs_session
                && matches!(self, Actor::Facilitator { .. } | Actor::Counsellor { .. }))
    }

    /// Correcting a closed attendance sheet (with a reason, logged): the organisers only, who
    /// answer to the funder for it.
    pub fn may_correct_attendance(&self, organiser_mission_locale_id: MissionLocaleId) -> bool {
        self.may_plan_for(organiser_mission_locale_id)
    }

    /// Filing the signed paper sheet's scan, which closes the sheet, and reopening a paper
    /// sheet (with a reason, logged): the organisers only, like a correction — a guest who runs
    /// the session takes the roll-call, but does not close it for good.
    pub fn may_file_paper_sheet(&self, organiser_mission_locale_id: MissionLocaleId) -> bool {
        self.may_plan_for(organiser_mission_locale_id)
    }

    /// The counsellors' agenda and session pages: staff only.
    pub fn may_view_agenda(&self) -> bool {
        self.may_manage_people()
    }

    /// Keeping the workshop catalogue (titles, descriptions, defaults, archiving): coordinators
    /// and counsellors, who plan the sessions.
    pub fn may_edit_catalogue(&self) -> bool {
        matches!(self, Actor::Coordinator { .. } | Actor::Counsellor { .. })
    }

    /// Adding and archiving staff accounts: coordinators only.
    pub fn may_manage_staff(&self) -> bool {
        matches!(self, Actor::Coordinator { .. })
    }

    /// « État du service »: the outbox and the activity of the whole federation, for the
    /// coordinators who answer for it.
    pub fn may_view_service_health(&self) -> bool {
        matches!(self, Actor::Coordinator { .. })
    }

    /// Retention: what the daily job will minimise, and holds on it (a control, a dispute): the
    /// coordinators, who answer for the register of processing.
    pub fn may_manage_retention(&self) -> bool {
        matches!(self, Actor::Coordinator { .. })
    }

    /// The federation view: figures of every Mission Locale.
    pub fn may_view_federation(&self) -> bool {
        matches!(self, Actor::Coordinator { .. })
    }

    /// The figures and the funder's exports: a coordinator's of any Mission Locale or of the
    /// whole federation (`None`); a counsellor's of their own Mission Locale only.
    pub fn may_view_figures(&self, mission_locale: Option<MissionLocaleId>) -> bool {
        match self {
            Actor::Coordinator { .. } => true,
            Actor::Counsellor {
                mission_locale_id, ..
            } => mission_locale == Some(*mission_locale_id),
            Actor::Anonymous | Actor::Youth { .. } | Actor::Facilitator { .. } => false,
        }
    }

    /// The youth's name, contact and programme dates.
    pub fn may_view_youth(&self, youth: &YouthFile) -> bool {
        match self {
            Actor::Coordinator { .. } => true,
            Actor::Counsellor {
                mission_locale_id, ..
            } => *mission_locale_id == youth.mission_locale_id,
            Actor::Youth { person_id } => *person_id == youth.person_id,
            Actor::Anonymous | Actor::Facilitator { .. } => false,
        }
    }

    /// Changing the youth's file (identity, contact, referent, programme dates).
    pub fn may_edit_youth(&self, youth: &YouthFile) -> bool {
        match self {
            Actor::Coordinator { .. } => true,
            Actor::Counsellor {
                mission_locale_id, ..
            } => *mission_locale_id == youth.mission_locale_id,
            Actor::Anonymous | Actor::Youth { .. } | Actor::Facilitator { .. } => false,
        }
    }

    /// Naming another referent for a youth: the current referent (handing the youth over) and
    /// coordinators. A colleague could otherwise name themself referent and so read the
    /// sensitive flags (see [`Actor::sensitive_flags_visible`]).
    pub fn may_change_referent(&self, youth: &YouthFile) -> bool {
        match self {
            Actor::Coordinator { .. } => true,
            Actor::Counsellor { person_id, .. } => *person_id == youth.referent_id,
            Actor::Anonymous | Actor::Youth { .. } | Actor::Facilitator { .. } => false,
        }
    }

    /// A copy of everything held about a youth (GDPR art. 15): the youth themself, their
    /// referent and coordinators.
    pub fn may_export_youth_data(&self, youth: &YouthFile) -> bool {
        match self {
            Actor::Youth { person_id } => *person_id == youth.person_id,
            _ => self.may_see_sensitive_reads(youth),
        }
    }

    /// The list of who read a youth's sensitive flags: their referent (who answers for them)
    /// and coordinators.
    pub fn may_see_sensitive_reads(&self, youth: &YouthFile) -> bool {
        match self {
            Actor::Coordinator { .. } => true,
            Actor::Counsellor { person_id, .. } => *person_id == youth.referent_id,
            Actor::Anonymous | Actor::Youth { .. } | Actor::Facilitator { .. } => false,
        }
    }

    /// Correcting, archiving and restoring a guest facilitator: coordinators, and the
    /// counsellors of the Mission Locales whose sessions they run. One who runs no session yet
    /// is kept by the counsellor who added them (and coordinators); when nobody recorded who
    /// did, by coordinators only. Every staff member may still read them, to plan with them.
    pub fn may_edit_facilitator(&self, facilitator: &FacilitatorFile) -> bool {
        match self {
            Actor::Coordinator { .. } => true,
            Actor::Counsellor {
                person_id,
                mission_locale_id,
                ..
            } => {
                if facilitator.session_mission_locales.is_empty() {
                    facilitator.added_by == Some(*person_id)
                } else {
                    facilitator
                        .session_mission_locales
                        .contains(mission_locale_id)
                }
            }
            Actor::Anonymous | Actor::Youth { .. } | Actor::Facilitator { .. } => false,
        }
    }

    /// A message that could not be delivered, in the failed-mail list (and resending it):
    /// coordinators see them all; a counsellor those about the youths they may read and the
    /// staff of their Mission Locale, and those about the facilitators they keep — never about
    /// an archived person (a file closed for good is the coordinators' business) nor about no
    /// one (the address may be anyone's). Nobody else sees the list.
    pub fn may_see_mail_about(&self, subject: &MailSubject) -> bool {
        match self {
            Actor::Coordinator { .. } => true,
            Actor::Counsellor {
                mission_locale_id, ..
            } => match subject {
                MailSubject::Nobody => false,
                MailSubject::Youth { file, archived } => !archived && self.may_view_youth(file),
                MailSubject::Staff {
                    mission_locale_id: theirs,
                    archived,
                } => !archived && *theirs == Some(*mission_locale_id),
                MailSubject::Facilitator { file, archived } => {
                    !archived && self.may_edit_facilitator(file)
                }
            },
            Actor::Anonymous | Actor::Youth { .. } | Actor::Facilitator { .. } => false,
        }
    }

    /// Only the referent counsellor, the matching specialists (of any Mission Locale: they serve
    /// the whole federation) and coordinators read the flags; never other counsellors,
    /// facilitators or youths. A youth's own access to their data (GDPR art. 15) goes through
    /// their counsellor, not this screen.
    pub fn sensitive_flags_visible(&self, youth: &YouthFile) -> SensitiveFlagsVisibility {
        match self {
            Actor::Coordinator { .. } => SensitiveFlagsVisibility::ALL,
            Actor::Counsellor {
                person_id,
                disability_specialist,
                justice_specialist,
                ..
            } => {
                let referent = *person_id == youth.referent_id;
                SensitiveFlagsVisibility {
                    disability: referent || *disability_specialist,
                    judicial_supervision: referent || *justice_specialist,
                }
            }
            Actor::Anonymous | Actor::Youth { .. } | Actor::Facilitator { .. } => {
                SensitiveFlagsVisibility::default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ML_BONDY: MissionLocaleId = MissionLocaleId::new(4);
    const ML_PANTIN: MissionLocaleId = MissionLocaleId::new(9);

    fn youth() -> YouthFile {
        YouthFile {
            person_id: PersonId::new(500),
            referent_id: PersonId::new(10),
            mission_locale_id: ML_BONDY,
        }
    }

    fn coordinator() -> Actor {
        Actor::Coordinator {
            person_id: PersonId::new(1),
        }
    }

    /// The youth of [`youth`]'s file.
    fn the_youth() -> Actor {
        Actor::Youth {
            person_id: PersonId::new(500),
        }
    }

    fn a_facilitator() -> Actor {
        Actor::Facilitator {
            person_id: PersonId::new(700),
        }
    }

    /// Those who are not staff: no file, mail or site is theirs to manage.
    fn outsiders() -> [Actor; 3] {
        [Actor::Anonymous, the_youth(), a_facilitator()]
    }

    fn counsellor(
        person_id: PersonId,
        mission_locale_id: MissionLocaleId,
        disability: bool,
        justice: bool,
    ) -> Actor {
        Actor::Counsellor {
            person_id,
            mission_locale_id,
            disability_specialist: disability,
            justice_specialist: justice,
        }
    }

    #[test]
    fn who_sees_and_edits_a_youths_file() {
        let cases = [
            ("coordinator", coordinator(), true, true),
            (
                "referent",
                counsellor(PersonId::new(10), ML_BONDY, false, false),
                true,
                true,
            ),
            (
                "counsellor of the same ML",
                counsellor(PersonId::new(11), ML_BONDY, false, false),
                true,
                true,
            ),
            (
                "counsellor of another ML",
                counsellor(PersonId::new(12), ML_PANTIN, false, false),
                false,
                false,
            ),
            ("the youth", the_youth(), true, false),
            (
                "another youth",
                Actor::Youth {
                    person_id: PersonId::new(501),
                },
                false,
                false,
            ),
            ("facilitator", a_facilitator(), false, false),
            ("anonymous", Actor::Anonymous, false, false),
        ];
        for (who, actor, view, edit) in cases {
            assert_eq!(actor.may_view_youth(&youth()), view, "{who} viewing");
            assert_eq!(actor.may_edit_youth(&youth()), edit, "{who} editing");
        }
    }

    #[test]
    fn staff_manage_people_within_their_reach() {
        let coordinator = coordinator();
        let counsellor = counsellor(PersonId::new(10), ML_BONDY, false, false);
        assert!(coordinator.may_manage_people() && counsellor.may_manage_people());
        assert_eq!(coordinator.youth_scope(), Some(YouthScope::Federation));
        assert_eq!(
            counsellor.youth_scope(),
            Some(YouthScope::MissionLocale(ML_BONDY))
        );
        assert!(coordinator.may_refer_to(ML_PANTIN));
        assert!(counsellor.may_refer_to(ML_BONDY));
        assert!(!counsellor.may_refer_to(ML_PANTIN));
        assert!(coordinator.may_view_federation() && !counsellor.may_view_federation());
        assert!(coordinator.may_view_service_health() && !counsellor.may_view_service_health());
        assert!(coordinator.may_manage_staff() && !counsellor.may_manage_staff());
        assert!(counsellor.may_edit_site(ML_BONDY) && !counsellor.may_edit_site(ML_PANTIN));
        assert!(coordinator.may_edit_site(ML_PANTIN));
        assert!(coordinator.may_edit_catalogue() && counsellor.may_edit_catalogue());
        for outsider in outsiders() {
            assert!(!outsider.may_manage_people(), "{outsider:?}");
            assert_eq!(outsider.youth_scope(), None, "{outsider:?}");
            assert!(!outsider.may_refer_to(ML_BONDY), "{outsider:?}");
            assert!(!outsider.may_view_federation(), "{outsider:?}");
            assert!(!outsider.may_view_service_health(), "{outsider:?}");
            assert!(!outsider.may_manage_staff(), "{outsider:?}");
            assert!(!outsider.may_edit_site(ML_BONDY), "{outsider:?}");
            assert!(!outsider.may_edit_catalogue(), "{outsider:?}");
        }
    }

    #[test]
    fn only_the_referent_or_a_coordinator_names_another_referent() {
        let cases = [
            ("coordinator", coordinator(), true),
            (
                "referent",
                counsellor(PersonId::new(10), ML_BONDY, false, false),
                true,
            ),
            (
                "counsellor of the same ML",
                counsellor(PersonId::new(11), ML_BONDY, false, false),
                false,
            ),
            (
                "specialist of the same ML",
                counsellor(PersonId::new(13), ML_BONDY, true, true),
                false,
            ),
            (
                "counsellor of another ML",
                counsellor(PersonId::new(12), ML_PANTIN, false, false),
                false,
            ),
            ("the youth", the_youth(), false),
            ("facilitator", a_facilitator(), false),
            ("anonymous", Actor::Anonymous, false),
        ];
        for (who, actor, expected) in cases {
            assert_eq!(actor.may_change_referent(&youth()), expected, "{who}");
        }
    }

    #[test]
    fn facilitators_are_kept_by_the_mission_locales_they_work_for() {
        let coordinator = coordinator();
        let adder = counsellor(PersonId::new(10), ML_BONDY, false, false);
        let colleague = counsellor(PersonId::new(11), ML_BONDY, false, false);
        let pantin = counsellor(PersonId::new(12), ML_PANTIN, false, false);
        let new = FacilitatorFile {
            session_mission_locales: Vec::new(),
            added_by: Some(PersonId::new(10)),
        };
        assert!(coordinator.may_edit_facilitator(&new));
        assert!(adder.may_edit_facilitator(&new));
        assert!(!colleague.may_edit_facilitator(&new));
        assert!(!pantin.may_edit_facilitator(&new));
        let unknown_adder = FacilitatorFile::default();
        assert!(coordinator.may_edit_facilitator(&unknown_adder));
        assert!(!adder.may_edit_facilitator(&unknown_adder));
        let working_for_pantin = FacilitatorFile {
            session_mission_locales: vec![ML_PANTIN],
            added_by: Some(PersonId::new(10)),
        };
        assert!(pantin.may_edit_facilitator(&working_for_pantin));
        assert!(coordinator.may_edit_facilitator(&working_for_pantin));
        assert!(
            !adder.may_edit_facilitator(&working_for_pantin),
            "once they work for others, those others keep them"
        );
        let for_both = FacilitatorFile {
            session_mission_locales: vec![ML_PANTIN, ML_BONDY],
            added_by: None,
        };
        assert!(
            colleague.may_edit_facilitator(&for_both) && pantin.may_edit_facilitator(&for_both)
        );
        for outsider in outsiders() {
            assert!(!outsider.may_edit_facilitator(&for_both), "{outsider:?}");
        }
    }

    #[test]
    fn failed_mail_is_seen_by_those_who_may_see_its_person() {
        let coordinator = coordinator();
        let bondy = counsellor(PersonId::new(11), ML_BONDY, false, false);
        let pantin = counsellor(PersonId::new(12), ML_PANTIN, false, false);
        let youth_subject = |archived| MailSubject::Youth {
            file: youth(),
            archived,
        };
        let staff = |ml: Option<MissionLocaleId>, archived| MailSubject::Staff {
            mission_locale_id: ml,
            archived,
        };
        let facilitator = MailSubject::Facilitator {
            file: FacilitatorFile {
                session_mission_locales: vec![ML_BONDY],
                added_by: None,
            },
            archived: false,
        };
        let cases = [
            (youth_subject(false), true, false),
            (youth_subject(true), false, false),
            (staff(Some(ML_BONDY), false), true, false),
            (staff(Some(ML_BONDY), true), false, false),
            (staff(Some(ML_PANTIN), false), false, true),
            (staff(None, false), false, false),
            (facilitator, true, false),
            (MailSubject::Nobody, false, false),
        ];
        for (subject, by_bondy, by_pantin) in cases {
            assert!(coordinator.may_see_mail_about(&subject), "{subject:?}");
            assert_eq!(bondy.may_see_mail_about(&subject), by_bondy, "{subject:?}");
            assert_eq!(
                pantin.may_see_mail_about(&subject),
                by_pantin,
                "{subject:?}"
            );
            for outsider in outsiders() {
                assert!(!outsider.may_see_mail_about(&subject), "{outsider:?}");
            }
        }
    }

    #[test]
    fn sensitive_flags_reach_only_those_who_need_them() {
        let both = SensitiveFlagsVisibility {
            disability: true,
            judicial_supervision: true,
        };
        let none = SensitiveFlagsVisibility::default();
        let cases = [
            ("coordinator", coordinator(), both),
            (
                "referent",
                counsellor(PersonId::new(10), ML_BONDY, false, false),
                both,
            ),
            (
                "counsellor of the same ML",
                counsellor(PersonId::new(11), ML_BONDY, false, false),
                none,
            ),
            (
                "disability specialist of another ML",
                counsellor(PersonId::new(13), ML_PANTIN, true, false),
                SensitiveFlagsVisibility {
                    disability: true,
                    judicial_supervision: false,
                },
            ),
            (
                "justice specialist",
                counsellor(PersonId::new(14), ML_PANTIN, false, true),
                SensitiveFlagsVisibility {
                    disability: false,
                    judicial_supervision: true,
                },
            ),
            ("the youth", the_youth(), none),
            ("facilitator", a_facilitator(), none),
            ("anonymous", Actor::Anonymous, none),
        ];
        for (who, actor, expected) in cases {
            assert_eq!(actor.sensitive_flags_visible(&youth()), expected, "{who}");
        }
    }
    #[test]
    fn a_read_of_the_flags_records_which_ones_and_reads_back_in_french() {
        let both = SensitiveFlagsVisibility {
            disability: true,
            judicial_supervision: true,
        };
        assert_eq!(both.read_codes(), "disability,judicial_supervision");
        assert_eq!(
            SensitiveFlagsVisibility::read_label(&both.read_codes()),
            "reconnaissance de handicap, suivi judiciaire"
        );
        assert!(!SensitiveFlagsVisibility::default().any());
        let referent = Actor::Counsellor {
            person_id: youth().referent_id,
            mission_locale_id: youth().mission_locale_id,
            disability_specialist: false,
            justice_specialist: false,
        };
        assert!(referent.may_see_sensitive_reads(&youth()));
        let specialist = Actor::Counsellor {
            person_id: PersonId::new(999),
            mission_locale_id: youth().mission_locale_id,
            disability_specialist: true,
            justice_specialist: true,
        };
        assert!(!specialist.may_see_sensitive_reads(&youth()));
    }
}
