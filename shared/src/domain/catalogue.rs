//! The workshop catalogue as staff keep it: what each workshop is about, told to youths in plain
//! French, with the defaults a new session starts from.
//!
//! `WorkshopTypeForm` → `WorkshopTypeRecord`: a title of 3 to 120 characters (unique whatever
//! its capitals, checked by the services), a theme, a description for youths (10 to 2,000), a
//! default duration (15 to 480 minutes) and capacity (1 to 200), what to bring and who it suits
//! (500 characters each at most).

use serde::{Deserialize, Serialize};

use super::{InvalidInput, Theme, WorkshopTypeId, multi_line, one_line};

/// A workshop type as the form sends it: every field a string, checked by
/// [`WorkshopTypeRecord::parse`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopTypeForm {
    pub title: String,
    /// A [`Theme`] code.
    pub theme: String,
    pub description: String,
    pub default_duration_minutes: String,
    pub default_capacity: String,
    #[serde(default)]
    pub what_to_bring: String,
    #[serde(default)]
    pub suits: String,
}

/// A workshop type that follows the rules, ready to be saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkshopTypeRecord {
    pub title: String,
    pub theme: Theme,
    pub description: String,
    pub default_duration_minutes: u16,
    pub default_capacity: u16,
    pub what_to_bring: String,
    pub suits: String,
}

impl WorkshopTypeRecord {
    pub const TITLE_LENGTH: std::ops::RangeInclusive<usize> = 3..=120;
    pub const DESCRIPTION_LENGTH: std::ops::RangeInclusive<usize> = 10..=2000;
    /// From a quarter of an hour to a full working day.
    pub const DURATION_MINUTES: std::ops::RangeInclusive<u16> = 15..=480;
    /// The same bound as the largest room.
    pub const CAPACITY: std::ops::RangeInclusive<u16> = 1..=200;
    /// For "what to bring" and "who it suits".
    pub const NOTE_MAX_LENGTH: usize = 500;

    pub fn parse(form: &WorkshopTypeForm) -> Result<Self, InvalidInput> {
        let title = one_line(&form.title);
        if !Self::TITLE_LENGTH.contains(&title.chars().count()) {
            return Err(InvalidInput::new(
                "title",
                "Donnez un titre à l'atelier, entre 3 et 120 caractères.",
            ));
        }
        let theme = Theme::parse(form.theme.trim())
            .ok_or_else(|| InvalidInput::new("theme", "Choisissez un thème dans la liste."))?;
        let description = multi_line(&form.description);
        if !Self::DESCRIPTION_LENGTH.contains(&description.chars().count()) {
            return Err(InvalidInput::new(
                "description",
                "Décrivez l'atelier en quelques phrases pour les jeunes, entre 10 et 2 000 caractères.",
            ));
        }
        let default_duration_minutes = form
            .default_duration_minutes
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|minutes| Self::DURATION_MINUTES.contains(minutes))
            .ok_or_else(|| {
                InvalidInput::new(
                    "default_duration_minutes",
                    "La durée est un nombre de minutes entre 15 et 480 (8 heures).",
                )
            })?;
        let default_capacity = form
            .default_capacity
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|capacity| Self::CAPACITY.contains(capacity))
            .ok_or_else(|| {
                InvalidInput::new(
                    "default_capacity",
                    "Le nombre de places est un nombre entre 1 et 200.",
                )
            })?;
        let what_to_bring = multi_line(&form.what_to_bring);
        if what_to_bring.chars().count() > Self::NOTE_MAX_LENGTH {
            return Err(InvalidInput::new(
                "what_to_bring",
                "« Ce qu'il faut apporter » tient en 500 caractères au maximum.",
            ));
        }
        let suits = multi_line(&form.suits);
        if suits.chars().count() > Self::NOTE_MAX_LENGTH {
            return Err(InvalidInput::new(
                "suits",
                "« Pour qui » tient en 500 caractères au maximum.",
            ));
        }
        Ok(Self {
            title,
            theme,
            description,
            default_duration_minutes,
            default_capacity,
            what_to_bring,
            suits,
        })
    }
}

/// "2 h 30", "1 h", "45 min": a duration as people say it.
pub fn format_duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, minutes) => format!("{minutes} min"),
        (hours, 0) => format!("{hours} h"),
        (hours, minutes) => format!("{hours} h {minutes:02}"),
    }
}

/// A line of the catalogue, for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopTypeSummary {
    pub id: WorkshopTypeId,
    pub title: String,
    pub theme: Theme,
    pub default_duration_minutes: u32,
    pub default_capacity: u32,
    /// No longer offered for new sessions; its sessions stay.
    pub archived: bool,
    /// Every session ever planned from it, cancelled ones included.
    pub session_count: u64,
}

/// A workshop type, for the page that edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopTypeDetails {
    pub id: WorkshopTypeId,
    /// Pre-fills the edit form.
    pub form: WorkshopTypeForm,
    pub archived: bool,
    pub session_count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> WorkshopTypeForm {
        WorkshopTypeForm {
            title: "  Mon   CV en une page ".into(),
            theme: "cv".into(),
            description: "  On construit ensemble un CV clair.  \r\n\r\nAvec ton téléphone.  "
                .into(),
            default_duration_minutes: " 150 ".into(),
            default_capacity: "12".into(),
            what_to_bring: " Une clé USB ".into(),
            suits: String::new(),
        }
    }

    fn refused_field(form: &WorkshopTypeForm) -> String {
        WorkshopTypeRecord::parse(form).expect_err("refused").field
    }

    #[test]
    fn a_valid_form_is_tidied() {
        let record = WorkshopTypeRecord::parse(&form()).expect("valid");
        assert_eq!(
            record,
            WorkshopTypeRecord {
                title: "Mon CV en une page".into(),
                theme: Theme::Cv,
                description: "On construit ensemble un CV clair.\n\nAvec ton téléphone.".into(),
                default_duration_minutes: 150,
                default_capacity: 12,
                what_to_bring: "Une clé USB".into(),
                suits: String::new(),
            }
        );
    }

    #[test]
    fn the_title_has_three_to_a_hundred_and_twenty_characters() {
        for title in ["", "  ", "CV", &"é".repeat(121)] {
            let form = WorkshopTypeForm {
                title: title.into(),
                ..form()
            };
            assert_eq!(refused_field(&form), "title", "{title:?}");
        }
        let longest = WorkshopTypeForm {
            title: "é".repeat(120),
            ..form()
        };
        assert!(WorkshopTypeRecord::parse(&longest).is_ok());
        let message = WorkshopTypeRecord::parse(&WorkshopTypeForm {
            title: "CV".into(),
            ..form()
        })
        .expect_err("short")
        .message;
        assert!(message.contains("entre 3 et 120 caractères"), "{message}");
    }

    #[test]
    fn the_theme_is_one_of_the_programme() {
        for theme in ["", "CV", "cuisine"] {
            let form = WorkshopTypeForm {
                theme: theme.into(),
                ..form()
            };
            assert_eq!(refused_field(&form), "theme", "{theme:?}");
        }
        for theme in Theme::ALL {
            let form = WorkshopTypeForm {
                theme: theme.code().into(),
                ..form()
            };
            assert_eq!(
                WorkshopTypeRecord::parse(&form).expect("valid").theme,
                theme
            );
        }
    }

    #[test]
    fn the_description_is_ten_to_two_thousand_characters() {
        for description in ["Court.", "   ", &"a".repeat(2001)] {
            let form = WorkshopTypeForm {
                description: description.into(),
                ..form()
            };
            assert_eq!(refused_field(&form), "description");
        }
    }

    #[test]
    fn duration_and_capacity_stay_sensible() {
        for minutes in ["14", "481", "0", "-30", "2h", ""] {
            let form = WorkshopTypeForm {
                default_duration_minutes: minutes.into(),
                ..form()
            };
            assert_eq!(
                refused_field(&form),
                "default_duration_minutes",
                "{minutes}"
            );
        }
        for minutes in ["15", "480"] {
            let form = WorkshopTypeForm {
                default_duration_minutes: minutes.into(),
                ..form()
            };
            assert!(WorkshopTypeRecord::parse(&form).is_ok(), "{minutes}");
        }
        for capacity in ["0", "201", "douze", ""] {
            let form = WorkshopTypeForm {
                default_capacity: capacity.into(),
                ..form()
            };
            assert_eq!(refused_field(&form), "default_capacity", "{capacity}");
        }
        for capacity in ["1", "200"] {
            let form = WorkshopTypeForm {
                default_capacity: capacity.into(),
                ..form()
            };
            assert!(WorkshopTypeRecord::parse(&form).is_ok(), "{capacity}");
        }
    }

    #[test]
    fn notes_for_youths_are_short() {
        let long = "a".repeat(501);
        let form_with = |what_to_bring: &str, suits: &str| WorkshopTypeForm {
            what_to_bring: what_to_bring.into(),
            suits: suits.into(),
            ..form()
        };
        assert_eq!(refused_field(&form_with(&long, "")), "what_to_bring");
        assert_eq!(refused_field(&form_with("", &long)), "suits");
        let limit = "a".repeat(500);
        assert!(WorkshopTypeRecord::parse(&form_with(&limit, &limit)).is_ok());
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(format_duration(45), "45 min");
        assert_eq!(format_duration(60), "1 h");
        assert_eq!(format_duration(150), "2 h 30");
        assert_eq!(format_duration(125), "2 h 05");
    }
}
