//! The places of the federation as staff edit them: a site's opening hours and accessibility,
//! and its rooms (1 to 200 places, `RoomRecord::MAX_CAPACITY`, also the most a session holds),
//! and the days a site is closed.

use serde::{Deserialize, Serialize};

use super::{InvalidInput, MissionLocaleId, RoomId, SiteId, multi_line, one_line};

/// A site's editable details, as the form sends them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteForm {
    pub opening_hours: String,
    #[serde(default)]
    pub step_free_access: Option<String>,
    #[serde(default)]
    pub lift: Option<String>,
    #[serde(default)]
    pub hearing_loop: Option<String>,
    pub accessibility_notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteRecord {
    pub opening_hours: String,
    pub step_free_access: bool,
    pub lift: bool,
    pub hearing_loop: bool,
    pub accessibility_notes: String,
}

impl SiteRecord {
    pub fn parse(form: &SiteForm) -> Result<Self, InvalidInput> {
        let opening_hours = multi_line(&form.opening_hours);
        if opening_hours.is_empty() {
            return Err(InvalidInput::new(
                "opening_hours",
                "Indiquez les horaires d'ouverture (par exemple : du lundi au vendredi, 9 h – 17 h).",
            ));
        }
        let accessibility_notes = multi_line(&form.accessibility_notes);
        if opening_hours.chars().count() > 300 || accessibility_notes.chars().count() > 1000 {
            return Err(InvalidInput::new(
                "accessibility_notes",
                "Texte trop long : 300 caractères pour les horaires, 1 000 pour l'accessibilité.",
            ));
        }
        Ok(Self {
            opening_hours,
            step_free_access: form.step_free_access.is_some(),
            lift: form.lift.is_some(),
            hearing_loop: form.hearing_loop.is_some(),
            accessibility_notes,
        })
    }
}

/// A new room, as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomForm {
    pub name: String,
    pub capacity: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomRecord {
    pub name: String,
    pub capacity: u32,
}

impl RoomRecord {
    /// The largest room a workshop uses; beyond, it is a typo.
    pub const MAX_CAPACITY: u32 = 200;

    pub fn parse(form: &RoomForm) -> Result<Self, InvalidInput> {
        let name = one_line(&form.name);
        if name.is_empty() || name.chars().count() > 80 {
            return Err(InvalidInput::new(
                "name",
                "Donnez un nom à la salle (80 caractères au maximum).",
            ));
        }
        let capacity = form.capacity.trim().parse::<u32>().unwrap_or(0);
        if !(1..=Self::MAX_CAPACITY).contains(&capacity) {
            return Err(InvalidInput::new(
                "capacity",
                "La capacité est un nombre de places entre 1 et 200.",
            ));
        }
        Ok(Self { name, capacity })
    }
}

/// A new site, as the form sends it. Accessibility is filled in afterwards, on the site itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSiteForm {
    /// Empty means the counsellor's own Mission Locale.
    pub mission_locale_id: String,
    pub name: String,
    pub address: String,
    pub opening_hours: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSiteRecord {
    pub mission_locale_id: Option<MissionLocaleId>,
    pub name: String,
    pub address: String,
    pub opening_hours: String,
}

impl NewSiteRecord {
    pub fn parse(form: &NewSiteForm) -> Result<Self, InvalidInput> {
        let name = one_line(&form.name);
        if name.is_empty() || name.chars().count() > 120 {
            return Err(InvalidInput::new(
                "name",
                "Donnez un nom au site (120 caractères au maximum).",
            ));
        }
        let address = one_line(&form.address);
        if address.chars().count() < 10 || address.chars().count() > 200 {
            return Err(InvalidInput::new(
                "address",
                "Indiquez l'adresse complète, avec le code postal et la ville.",
            ));
        }
        let site = SiteRecord::parse(&SiteForm {
            opening_hours: form.opening_hours.clone(),
            ..SiteForm::default()
        })?;
        let mission_locale_id = match form.mission_locale_id.trim() {
            "" => None,
            id => Some(id.parse::<MissionLocaleId>().map_err(|_| {
                InvalidInput::new("mission_locale_id", "Choisissez une Mission Locale.")
            })?),
        };
        Ok(Self {
            mission_locale_id,
            name,
            address,
            opening_hours: site.opening_hours,
        })
    }
}

/// A site with its rooms, for the places page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteView {
    pub id: SiteId,
    pub mission_locale: String,
    pub name: String,
    pub address: String,
    pub form: SiteForm,
    pub rooms: Vec<RoomView>,
    /// Days it is closed, from today on.
    pub closures: Vec<ClosureView>,
    /// The reader may change it (coordinators, counsellors of its Mission Locale).
    pub editable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomView {
    pub id: RoomId,
    pub name: String,
    pub capacity: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_needs_a_name_and_a_sensible_capacity() {
        let room = |name: &str, capacity: &str| {
            RoomRecord::parse(&RoomForm {
                name: name.into(),
                capacity: capacity.into(),
            })
        };
        assert_eq!(
            room("  Salle   Jean Zay ", "12"),
            Ok(RoomRecord {
                name: "Salle Jean Zay".into(),
                capacity: 12
            })
        );
        for capacity in ["0", "-3", "201", "douze", ""] {
            assert_eq!(
                room("Salle", capacity).expect_err(capacity).field,
                "capacity"
            );
        }
        assert_eq!(room(" ", "10").expect_err("no name").field, "name");
    }

    #[test]
    fn a_new_site_needs_a_name_and_a_full_address() {
        let form = NewSiteForm {
            mission_locale_id: String::new(),
            name: "Antenne  Gare".into(),
            address: "12 rue de la Gare, 93200 Saint-Denis".into(),
            opening_hours: "Mardi et jeudi, 9 h – 17 h".into(),
        };
        let site = NewSiteRecord::parse(&form).expect("valid");
        assert_eq!(site.name, "Antenne Gare");
        assert_eq!(site.mission_locale_id, None);
        let short = NewSiteForm {
            address: "Gare".into(),
            ..form.clone()
        };
        assert_eq!(
            NewSiteRecord::parse(&short).expect_err("address").field,
            "address"
        );
        let unnamed = NewSiteForm {
            name: " ".into(),
            ..form
        };
        assert_eq!(
            NewSiteRecord::parse(&unnamed).expect_err("name").field,
            "name"
        );
    }

    #[test]
    fn a_site_needs_opening_hours() {
        let form = SiteForm {
            opening_hours: " ".into(),
            ..SiteForm::default()
        };
        assert_eq!(
            SiteRecord::parse(&form).expect_err("empty").field,
            "opening_hours"
        );
        let form = SiteForm {
            opening_hours: "Lundi–vendredi 9 h – 17 h".into(),
            lift: Some("on".into()),
            ..SiteForm::default()
        };
        let site = SiteRecord::parse(&form).expect("valid");
        assert!(site.lift && !site.step_free_access);
    }
}

/// Days a site is closed (annual closure, works), as the form sends them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureForm {
    pub first_day: String,
    pub last_day: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureView {
    pub id: i32,
    pub first_day: chrono::NaiveDate,
    pub last_day: chrono::NaiveDate,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosureRecord {
    pub first_day: chrono::NaiveDate,
    pub last_day: chrono::NaiveDate,
    pub reason: String,
}

impl ClosureRecord {
    pub fn parse(form: &ClosureForm) -> Result<Self, InvalidInput> {
        let first_day = super::parse_day(&form.first_day).ok_or_else(|| {
            InvalidInput::new("first_day", "Indiquez le premier jour de fermeture.")
        })?;
        let last_day = match form.last_day.trim() {
            "" => first_day,
            text => super::parse_day(text).ok_or_else(|| {
                InvalidInput::new("last_day", "Indiquez le dernier jour de fermeture.")
            })?,
        };
        if last_day < first_day {
            return Err(InvalidInput::new(
                "last_day",
                "Le dernier jour de fermeture vient après le premier.",
            ));
        }
        if (last_day - first_day).num_days() > 366 {
            return Err(InvalidInput::new(
                "last_day",
                "Une fermeture dure un an au plus.",
            ));
        }
        let reason = one_line(&form.reason);
        if reason.chars().count() < 3 || reason.chars().count() > 120 {
            return Err(InvalidInput::new(
                "reason",
                "Donnez la raison de la fermeture (par exemple : fermeture annuelle).",
            ));
        }
        Ok(Self {
            first_day,
            last_day,
            reason,
        })
    }
}

#[cfg(test)]
mod closure_tests {
    use super::*;

    #[test]
    fn a_closure_reads_one_day_or_a_range() {
        let form = |first: &str, last: &str, reason: &str| ClosureForm {
            first_day: first.into(),
            last_day: last.into(),
            reason: reason.into(),
        };
        let one_day = ClosureRecord::parse(&form("2026-12-24", "", "Réveillon")).unwrap();
        assert_eq!(one_day.first_day, one_day.last_day);
        assert!(
            ClosureRecord::parse(&form("2026-12-24", "2026-12-31", "fermeture annuelle")).is_ok()
        );
        assert_eq!(
            ClosureRecord::parse(&form("2026-12-31", "2026-12-24", "fermeture annuelle"))
                .unwrap_err()
                .field,
            "last_day"
        );
        assert_eq!(
            ClosureRecord::parse(&form("2026-12-24", "", ""))
                .unwrap_err()
                .field,
            "reason"
        );
    }
}
