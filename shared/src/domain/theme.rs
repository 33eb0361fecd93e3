//! The workshop themes: a closed set, stored as readable codes, each with its French label.

use serde::{Deserialize, Serialize};

super::stored_as_code! {
    /// The programme's workshop themes: a closed set, stored as readable codes.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Theme {
        /// Job-search techniques: the CV.
        Cv,
        /// Job-search techniques: the cover letter.
        CoverLetter,
        /// Job-search techniques: preparing for interviews.
        Interview,
        PersonalDevelopment,
        Diversity,
        SustainableDevelopment,
        /// Decoding the news and spotting false information, usually with a guest journalist.
        MediaLiteracy,
        Other,
    }
}

impl Theme {
    pub const ALL: [Theme; 8] = [
        Theme::Cv,
        Theme::CoverLetter,
        Theme::Interview,
        Theme::PersonalDevelopment,
        Theme::Diversity,
        Theme::SustainableDevelopment,
        Theme::MediaLiteracy,
        Theme::Other,
    ];

    /// The code stored in the database and used in URLs (`?theme=cv`).
    pub fn code(self) -> &'static str {
        match self {
            Theme::Cv => "cv",
            Theme::CoverLetter => "cover_letter",
            Theme::Interview => "interview",
            Theme::PersonalDevelopment => "personal_development",
            Theme::Diversity => "diversity",
            Theme::SustainableDevelopment => "sustainable_development",
            Theme::MediaLiteracy => "media_literacy",
            Theme::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.code() == code)
    }

    /// The name a youth reads.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Cv => "CV",
            Theme::CoverLetter => "Lettre de motivation",
            Theme::Interview => "Préparation aux entretiens",
            Theme::PersonalDevelopment => "Développement personnel",
            Theme::Diversity => "Mixité et diversité",
            Theme::SustainableDevelopment => "Développement durable",
            Theme::MediaLiteracy => "Éducation aux médias",
            Theme::Other => "Autre",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back_to_its_theme() {
        for theme in Theme::ALL {
            assert_eq!(Theme::parse(theme.code()), Some(theme));
        }
    }

    #[test]
    fn unknown_codes_are_refused() {
        assert_eq!(Theme::parse(""), None);
        assert_eq!(Theme::parse("CV"), None);
        assert_eq!(Theme::parse("cuisine"), None);
    }
}
