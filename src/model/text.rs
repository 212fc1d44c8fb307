//! Bilingual text: Vietnamese as written in the source, with an optional English gloss.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The language of a rendering.
///
/// ```
/// use par_index::Lang;
/// assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
/// assert_eq!(Lang::default(), Lang::Vi);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}` (expected vi or en)")),
        }
    }
}

/// A title or name: Vietnamese as in the source document, with an English gloss.
///
/// ```
/// use par_index::{Lang, Text};
/// let t = Text::new("Cải cách thể chế", Some("Institutional reform"));
/// assert_eq!(t.get(Lang::Vi), "Cải cách thể chế");
/// assert_eq!(t.get(Lang::En), "Institutional reform");
/// assert_eq!(Text::new("Tốt", None).get(Lang::En), "Tốt");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Vietnamese, as written in the source.
    pub vi: String,
    /// English gloss, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// A text from Vietnamese and an optional English gloss.
    ///
    /// ```
    /// assert_eq!(par_index::Text::new("Khá", Some("Fair")).vi, "Khá");
    /// ```
    pub fn new(vi: &str, en: Option<&str>) -> Text {
        Text {
            vi: vi.to_owned(),
            en: en.map(str::to_owned),
        }
    }

    /// The text in `lang`; English falls back to Vietnamese when no gloss is given.
    ///
    /// ```
    /// use par_index::{Lang, Text};
    /// assert_eq!(Text::new("Kém", Some("Poor")).get(Lang::En), "Poor");
    /// ```
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.vi,
        }
    }
}
