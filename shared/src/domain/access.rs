//! Who may do what, decided in one place. Every server function asks this module; no page or
//! component decides access by itself. (Issue 3 grows the list of actions; `access_matrix`
//! will test every server function against every kind of actor.)

use serde::{Deserialize, Serialize};

/// The person making a request, as the session established it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    Anonymous,
    /// Federation staff: sees everything.
    Coordinator {
        person_id: i32,
    },
    Counsellor {
        person_id: i32,
        mission_locale_id: i32,
        disability_specialist: bool,
        justice_specialist: bool,
    },
    Youth {
        person_id: i32,
    },
    Facilitator {
        person_id: i32,
    },
}

/// What access decisions need to know about a youth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YouthFile {
    pub person_id: i32,
    pub referent_id: i32,
    /// The Mission Locale of the referent counsellor.
    pub mission_locale_id: i32,
}

/// The sensitive flags a given actor may read on a youth's file (GDPR art. 9 and 10 data).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SensitiveFlagsVisibility {
    pub disability: bool,
    pub judicial_supervision: bool,
}

impl Actor {
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

    /// Only the referent counsellor, the matching specialists (of any Mission Locale: they serve
    /// the whole federation) and coordinators read the flags; never other counsellors,
    /// facilitators or youths. A youth's own access to their data (GDPR art. 15) goes through
    /// their counsellor, not this screen.
    pub fn sensitive_flags_visible(&self, youth: &YouthFile) -> SensitiveFlagsVisibility {
        match self {
            Actor::Coordinator { .. } => SensitiveFlagsVisibility {
                disability: true,
                judicial_supervision: true,
            },
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

    const ML_BONDY: i32 = 4;
    const ML_PANTIN: i32 = 9;

    fn youth() -> YouthFile {
        YouthFile {
            person_id: 500,
            referent_id: 10,
            mission_locale_id: ML_BONDY,
        }
    }

    fn counsellor(
        person_id: i32,
        mission_locale_id: i32,
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
            (
                "coordinator",
                Actor::Coordinator { person_id: 1 },
                true,
                true,
            ),
            (
                "referent",
                counsellor(10, ML_BONDY, false, false),
                true,
                true,
            ),
            (
                "counsellor of the same ML",
                counsellor(11, ML_BONDY, false, false),
                true,
                true,
            ),
            (
                "counsellor of another ML",
                counsellor(12, ML_PANTIN, false, false),
                false,
                false,
            ),
            ("the youth", Actor::Youth { person_id: 500 }, true, false),
            (
                "another youth",
                Actor::Youth { person_id: 501 },
                false,
                false,
            ),
            (
                "facilitator",
                Actor::Facilitator { person_id: 700 },
                false,
                false,
            ),
            ("anonymous", Actor::Anonymous, false, false),
        ];
        for (who, actor, view, edit) in cases {
            assert_eq!(actor.may_view_youth(&youth()), view, "{who} viewing");
            assert_eq!(actor.may_edit_youth(&youth()), edit, "{who} editing");
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
            ("coordinator", Actor::Coordinator { person_id: 1 }, both),
            ("referent", counsellor(10, ML_BONDY, false, false), both),
            (
                "counsellor of the same ML",
                counsellor(11, ML_BONDY, false, false),
                none,
            ),
            (
                "disability specialist of another ML",
                counsellor(13, ML_PANTIN, true, false),
                SensitiveFlagsVisibility {
                    disability: true,
                    judicial_supervision: false,
                },
            ),
            (
                "justice specialist",
                counsellor(14, ML_PANTIN, false, true),
                SensitiveFlagsVisibility {
                    disability: false,
                    judicial_supervision: true,
                },
            ),
            ("the youth", Actor::Youth { person_id: 500 }, none),
            ("facilitator", Actor::Facilitator { person_id: 700 }, none),
            ("anonymous", Actor::Anonymous, none),
        ];
        for (who, actor, expected) in cases {
            assert_eq!(actor.sensitive_flags_visible(&youth()), expected, "{who}");
        }
    }
}
