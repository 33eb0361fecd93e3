//! `day_warnings`: a public holiday or a day the site is closed warns, never refuses.

use chrono::NaiveDate;

use crate::domain::format_day;

/// Warnings that do not stop planning: a public holiday, a day the site is closed.
pub fn day_warnings(
    day: NaiveDate,
    site_closures: &[(NaiveDate, NaiveDate, String)],
) -> Vec<String> {
    let mut warnings = Vec::new();
    if let Some(name) = crate::domain::public_holiday(day) {
        warnings.push(format!(
            "Le {} est un jour férié ({name}).",
            format_day(day)
        ));
    }
    for (first, last, reason) in site_closures {
        if (*first..=*last).contains(&day) {
            warnings.push(format!(
                "Le site est fermé le {} ({reason}).",
                format_day(day)
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holidays_and_closures_are_warned_about() {
        let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
        let closures = [(
            NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            "fermeture annuelle".to_owned(),
        )];
        let warnings = day_warnings(christmas, &closures);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("Noël"));
        assert!(warnings[1].contains("fermeture annuelle"));
        assert!(day_warnings(NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(), &closures).is_empty());
    }
}
