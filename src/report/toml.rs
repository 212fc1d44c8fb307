//! Writing a methodology file (TOML) that loads back to the same methodology and hash.

use crate::model::methodology::MethodologyFile;
/// Keys whose values are decimals in a methodology file: written as bare TOML numbers.
const DECIMAL_KEYS: &[&str] = &[
    "max",
    "survey_max",
    "bonus_cap",
    "penalty_cap",
    "min",
    "at",
    "points",
    "late",
    "target",
    "floor",
    "per",
    "step",
];

impl MethodologyFile {
    /// The methodology as TOML text that loads back to the same methodology (and the same
    /// hash): the lossless round trip. Decimals are written as they are held (exact), dates as
    /// TOML dates, text as basic strings; comments and layout of the original are not kept.
    ///
    /// ```
    /// use par_index::{catalog, methodology};
    /// let m = catalog::default_methodology();
    /// let again = methodology::load_str(&m.file().to_toml(), None).unwrap();
    /// assert_eq!(&again, m);
    /// ```
    #[must_use]
    pub fn to_toml(&self) -> String {
        let Ok(serde_json::Value::Object(top)) = serde_json::to_value(self) else {
            return String::new();
        };
        let mut out = String::new();
        let mut tables = Vec::new();
        for (k, v) in &top {
            match v {
                serde_json::Value::Object(_) => tables.push((k, v)),
                serde_json::Value::Array(items) if items.iter().all(|i| i.is_object()) => {
                    tables.push((k, v));
                }
                _ => {
                    out.push_str(&format!("{k} = {}\n", toml_value(k, v)));
                }
            }
        }
        // Tables in the file's order of sections: decision or provenance, bands, areas, items.
        let order = ["decision", "provenance", "bands", "areas", "items"];
        tables.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));
        for (k, v) in tables {
            match v {
                serde_json::Value::Array(items) => {
                    for item in items {
                        out.push_str(&format!("\n[[{k}]]\n"));
                        table_body(item, &mut out);
                    }
                }
                _ => {
                    out.push_str(&format!("\n[{k}]\n"));
                    table_body(v, &mut out);
                }
            }
        }
        out
    }
}

fn table_body(v: &serde_json::Value, out: &mut String) {
    if let serde_json::Value::Object(map) = v {
        // `code` first, as people write it.
        let mut keys: Vec<&String> = map.keys().collect();
        keys.sort_by_key(|k| *k != "code");
        for k in keys {
            if let Some(x) = map.get(k) {
                out.push_str(&format!("{k} = {}\n", toml_value(k, x)));
            }
        }
    }
}

fn toml_value(key: &str, v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s)
            if DECIMAL_KEYS.contains(&key) && crate::model::exact::parse_decimal(s).is_ok() =>
        {
            s.clone()
        }
        Value::String(s) if key == "date" && s.parse::<crate::model::date::Date>().is_ok() => {
            s.clone()
        }
        // A TOML basic string accepts JSON's escapes.
        Value::String(s) => Value::String(s.clone()).to_string(),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| toml_value(key, i)).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, x)| format!("{k} = {}", toml_value(k, x)))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        Value::Null => "\"\"".into(),
        other => other.to_string(),
    }
}
