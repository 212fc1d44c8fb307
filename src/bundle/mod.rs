//! Published results anyone can re-verify offline: a **bundle** of the inputs that were
//! scored, every unit's final scorecard and the ranking, named with their SHA-256 in a
//! manifest (an in-toto Statement v1) signed with Ed25519 in minisign's format.
//!
//! ```text
//! bundle/
//!   inputs/<folder>/…            the self-assessments (JSON or forms) and stage files, as given
//!   inputs/<survey>, inputs/<roster>
//!   inputs/methodologies/<id>.toml
//!   results/scorecards/<unit>.json
//!   results/ranking.json, ranking.html, ranking.xlsx
//!   MANIFEST.json                an in-toto Statement v1: every file above with its SHA-256
//!   MANIFEST.json.minisig        its signature; the trusted comment names issuer and period
//! ```
//!
//! [`verify_bundle`] checks the signature, that the files are exactly those listed with their
//! digests, then scores every unit again from the inputs (through its stages, with the
//! survey, under the published methodologies) and ranks them again, and compares with what is
//! published, byte for byte.

mod sign;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use sign::{KeyPair, SigningKey, keygen, needs_passphrase, verify_signature};

use crate::error::{Error, Problem, ProblemKind};
use crate::model::methodology::Methodology;

/// The statement type of the manifest (in-toto Statement v1).
pub const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";

/// The predicate type of the manifest: a par-index result bundle.
pub const PREDICATE_TYPE: &str = "https://par-index.dev/bundle/v1";

/// The manifest's file name.
pub const MANIFEST: &str = "MANIFEST.json";

/// The signature's file name.
pub const SIGNATURE: &str = "MANIFEST.json.minisig";

/// The cover page: the ranking with the manifest's SHA-256 and how to check the bundle, in
/// Vietnamese and English. It names the manifest, so it cannot be in it: `verify_bundle`
/// makes it again and compares.
pub const COVER: &str = "index.html";

/// What is published, from where: the files and folders of this year's self-assessments
/// (with their stage files), the survey file, the roster, and methodologies (embedded ids or
/// TOML files) besides the embedded ones the units name.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Sources {
    /// Files and folders of self-assessments (JSON or filled forms) and stage files.
    pub paths: Vec<PathBuf>,
    /// The survey results file.
    pub survey: Option<PathBuf>,
    /// The roster (ranking by its blocks).
    pub roster: Option<PathBuf>,
    /// Methodologies: embedded ids or TOML files.
    pub methodologies: Vec<String>,
}

impl Sources {
    /// These files and folders, no survey, roster or methodology yet.
    ///
    /// ```
    /// let s = par_index::bundle::Sources::new(&["examples/data/district"]);
    /// assert_eq!(s.paths.len(), 1);
    /// ```
    #[must_use]
    pub fn new<P: AsRef<Path>>(paths: &[P]) -> Sources {
        Sources {
            paths: paths.iter().map(|p| p.as_ref().to_path_buf()).collect(),
            ..Sources::default()
        }
    }
}

/// Who publishes what: the period, the issuing office, and the decision that publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Publication {
    /// The period assessed (`2025`).
    pub period: String,
    /// The issuing office (`Sở Nội vụ tỉnh …`).
    pub issuer: String,
    /// The decision that publishes the results (`số …/QĐ-UBND`), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}

impl Publication {
    /// A publication of `period` by `issuer`.
    ///
    /// ```
    /// let p = par_index::bundle::Publication::new("2025", "Sở Nội vụ");
    /// assert!(p.decision.is_none());
    /// ```
    #[must_use]
    pub fn new(period: &str, issuer: &str) -> Publication {
        Publication {
            period: period.to_owned(),
            issuer: issuer.to_owned(),
            decision: None,
        }
    }

    /// With the decision that publishes it.
    #[must_use]
    pub fn decision(mut self, decision: &str) -> Publication {
        self.decision = Some(decision.to_owned());
        self
    }

    /// The trusted comment of the signature: what the signer vouches for besides the
    /// manifest, on one line.
    fn trusted_comment(&self) -> String {
        let mut s = format!(
            "par-index bundle; period: {}; issuer: {}",
            self.period, self.issuer
        );
        if let Some(d) = &self.decision {
            s.push_str("; decision: ");
            s.push_str(d);
        }
        s.replace(['\n', '\r'], " ")
    }
}

/// A file named in the manifest with its digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Its path in the bundle (`/`-separated).
    pub name: String,
    /// Its digests: `sha256`.
    pub digest: BTreeMap<String, String>,
}

/// The manifest's predicate: the publication, the engine, the methodologies and where the
/// inputs are in the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Predicate {
    /// Period, issuer, decision.
    #[serde(flatten)]
    pub publication: Publication,
    /// The engine that scored (`par-index 0.3.0`).
    pub engine: String,
    /// The methodologies: id and SHA-256 (of the canonical form), and their files.
    pub methodologies: Vec<MethodologyEntry>,
    /// The input folders and files in the bundle (scored as `par-index rank` scores them).
    pub inputs: Vec<String>,
    /// The survey file in the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<String>,
    /// The roster in the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roster: Option<String>,
    /// How many units are published.
    pub units: usize,
}

/// A methodology of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodologyEntry {
    /// Its id.
    pub id: String,
    /// Its SHA-256 (the hash scorecards record).
    pub sha256: String,
    /// Its TOML in the bundle.
    pub file: String,
}

/// The manifest: an in-toto Statement v1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Manifest {
    /// [`STATEMENT_TYPE`].
    #[serde(rename = "_type")]
    pub statement_type: String,
    /// Every file of the bundle but the manifest and its signature, by name.
    pub subject: Vec<Subject>,
    /// [`PREDICATE_TYPE`].
    #[serde(rename = "predicateType")]
    pub predicate_type: String,
    /// What is published.
    pub predicate: Predicate,
}

/// A bundle in memory: its files by path (`/`-separated), the manifest and its signature
/// among them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Bundle {
    /// Every file, by path.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The SHA-256 of `MANIFEST.json` (what a signed decision can quote).
    pub manifest_sha256: String,
}

fn refused(file: &str, message: impl Into<String>) -> Error {
    let p = Problem::new(ProblemKind::BadValue, None, "", message);
    Error::Invalid(vec![if file.is_empty() { p } else { p.in_file(file) }])
}

fn sha256(bytes: &[u8]) -> String {
    crate::model::canonical::sha256_hex(bytes)
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|cause| Error::Io {
        path: path.display().to_string(),
        cause,
    })
}

/// A path as a bundle names it: its components joined by `/`, each a plain name.
fn bundle_name(parts: &[&std::ffi::OsStr]) -> Result<String, Error> {
    let mut out: Vec<String> = Vec::new();
    for p in parts {
        let s = p.to_str().ok_or_else(|| {
            refused(
                &p.to_string_lossy(),
                "a file name that is not UTF-8 cannot be published",
            )
        })?;
        if s.is_empty() || s == "." || s == ".." || s.contains(['/', '\\']) {
            return Err(refused(s, "not a plain file name"));
        }
        out.push(s.to_owned());
    }
    Ok(out.join("/"))
}

/// Score, rank and sign: the bundle of `sources` for `publication`, signed with `key`. The
/// same sources, publication and key give the same bytes.
///
/// # Errors
///
/// An input that cannot be read or scored (a publication is complete or not made), a unit
/// given twice, a methodology that cannot be found, files whose names would collide in the
/// bundle.
///
/// ```
/// use par_index::bundle::{keygen, publish, verify_bundle, Publication, SigningKey, Sources};
/// let k = keygen(None).unwrap();
/// let key = SigningKey::from_text(&k.secret, None, "k").unwrap();
/// let mut sources = Sources::new(&["examples/data/district"]);
/// sources.survey = Some("examples/data/district/survey.json".into());
/// let b = publish(&sources, &Publication::new("2024", "Phòng Nội vụ huyện Ninh Giang"), &key).unwrap();
/// assert!(b.files.contains_key("results/scorecards/NG-01.json"));
/// let dir = std::env::temp_dir().join(format!("par-index-doc-bundle-{}", std::process::id()));
/// b.write_dir(&dir).unwrap();
/// let v = verify_bundle(&dir, &k.public, "k.pub").unwrap();
/// assert!(v.ok(), "{:?}", v);
/// assert_eq!(v.units.len(), 22);
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn publish(
    sources: &Sources,
    publication: &Publication,
    key: &SigningKey,
) -> Result<Bundle, Error> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut put = |name: String, bytes: Vec<u8>| put_file(&mut files, name, bytes);
    let (inputs, kept, surveys) = gather(&sources.paths, &mut put)?;
    let mut one = |p: &Option<PathBuf>| -> Result<Option<String>, Error> {
        let Some(p) = p else { return Ok(None) };
        let name = bundle_name(&[
            std::ffi::OsStr::new("inputs"),
            p.file_name().unwrap_or_default(),
        ])?;
        put(name.clone(), read(p)?)?;
        Ok(Some(name))
    };
    // The survey: the one given, else the one survey file among the inputs.
    let (survey_path, survey_name) = match (&sources.survey, surveys.as_slice()) {
        (Some(p), _) => (Some(p.clone()), one(&sources.survey)?),
        (None, [(p, name)]) => (Some(p.clone()), Some(name.clone())),
        (None, []) => (None, None),
        (None, many) => {
            let names: Vec<&str> = many.iter().map(|(_, n)| n.as_str()).collect();
            return Err(refused(
                "",
                format!(
                    "several survey files among the inputs ({}): give the one that applies with --survey",
                    names.join(", ")
                ),
            ));
        }
    };
    let roster_name = one(&sources.roster)?;

    // Score and rank as `par-index rank` does, under the methodologies given or named.
    let survey = survey_path
        .as_ref()
        .map(crate::model::survey::SurveyFile::from_file)
        .transpose()?;
    let roster = sources
        .roster
        .as_ref()
        .map(crate::model::roster::Roster::from_file)
        .transpose()?;
    let given: Vec<std::borrow::Cow<'static, Methodology>> = sources
        .methodologies
        .iter()
        .map(|m| crate::catalog::resolve(m))
        .collect::<Result<_, _>>()?;
    let among: Vec<&Methodology> = given.iter().map(AsRef::as_ref).collect();
    let scored = score_all(&kept, survey.as_ref(), roster.as_ref(), &among)?;
    let other: Vec<String> = scored
        .cards
        .iter()
        .filter(|c| c.period != publication.period)
        .map(|c| format!("{} ({})", c.unit.code, c.period))
        .collect();
    if !other.is_empty() {
        return Err(refused(
            "",
            format!(
                "results of another period than {} among the inputs: {}",
                publication.period,
                other.join(", ")
            ),
        ));
    }

    let entries = methodology_files(&scored.methodologies, sources, &given, &among, &mut put)?;
    let units = scored.cards.len();
    for (name, bytes) in scored.results() {
        put(name, bytes)?;
    }

    let manifest = Manifest {
        statement_type: STATEMENT_TYPE.to_owned(),
        subject: files
            .iter()
            .map(|(name, bytes)| Subject {
                name: name.clone(),
                digest: BTreeMap::from([("sha256".to_owned(), sha256(bytes))]),
            })
            .collect(),
        predicate_type: PREDICATE_TYPE.to_owned(),
        predicate: Predicate {
            publication: publication.clone(),
            engine: format!("par-index {}", env!("CARGO_PKG_VERSION")),
            methodologies: entries,
            inputs,
            survey: survey_name,
            roster: roster_name,
            units,
        },
    };
    let mut text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| refused(MANIFEST, format!("cannot write the manifest: {e}")))?;
    text.push('\n');
    let signature = key.sign(
        text.as_bytes(),
        &publication.trusted_comment(),
        "signature of a par-index result bundle: minisign -V -p KEY.pub -m MANIFEST.json",
    );
    let manifest_sha256 = sha256(text.as_bytes());
    files.insert(
        COVER.to_owned(),
        scored.cover(&manifest_sha256, publication),
    );
    files.insert(MANIFEST.to_owned(), text.into_bytes());
    files.insert(SIGNATURE.to_owned(), signature.into_bytes());
    Ok(Bundle {
        files,
        manifest_sha256,
    })
}

/// Where a publication's inputs went: the input roots in the bundle, the files scored
/// (self-assessments, forms, stage files) and the survey files found among them (with their
/// names in the bundle).
type Gathered = (Vec<String>, Vec<PathBuf>, Vec<(PathBuf, String)>);

/// Add a file to a bundle's files, refusing a second of the same name.
fn put_file(
    files: &mut BTreeMap<String, Vec<u8>>,
    name: String,
    bytes: Vec<u8>,
) -> Result<(), Error> {
    if files.contains_key(&name) {
        return Err(refused(
            &name,
            "two inputs would have this name in the bundle: rename one",
        ));
    }
    files.insert(name, bytes);
    Ok(())
}

/// The inputs, as given: each folder under its own name, each file by its name; scorecards
/// and other files in the folders are not inputs.
fn gather(
    roots: &[PathBuf],
    put: &mut dyn FnMut(String, Vec<u8>) -> Result<(), Error>,
) -> Result<Gathered, Error> {
    let mut inputs: Vec<String> = Vec::new();
    // The files scored (self-assessments, forms, stage files), and the survey files found
    // among them; scorecards and other files in the folders are not inputs.
    let mut kept: Vec<PathBuf> = Vec::new();
    let mut surveys: Vec<(PathBuf, String)> = Vec::new();
    for root in roots {
        let base = root
            .file_name()
            .ok_or_else(|| refused(&root.display().to_string(), "a path with no name"))?;
        let walked = crate::read::walk::walk(std::slice::from_ref(root), &|p| {
            crate::read::walk::has_ext(p, &["json", "xlsx"])
        });
        if let Some(e) = walked.problems.into_iter().next() {
            return Err(e);
        }
        let root_name = bundle_name(&[std::ffi::OsStr::new("inputs"), base])?;
        for f in &walked.files {
            use crate::read::detect::FileKind;
            let kind = crate::read::detect::detect_file_kind(f);
            if !matches!(
                kind,
                FileKind::Submission | FileKind::Stage | FileKind::Survey
            ) {
                continue;
            }
            let rel = f.strip_prefix(root).unwrap_or(f);
            let mut parts: Vec<&std::ffi::OsStr> = vec![std::ffi::OsStr::new("inputs"), base];
            if root.is_dir() {
                parts.extend(rel.iter());
            }
            let name = bundle_name(&parts)?;
            put(name.clone(), read(f)?)?;
            if kind == FileKind::Survey {
                surveys.push((f.clone(), name));
            } else {
                kept.push(f.clone());
            }
        }
        inputs.push(root_name);
    }
    Ok((inputs, kept, surveys))
}

/// The methodologies the units were scored under, as TOML in the bundle: a file given, else
/// the embedded text.
fn methodology_files(
    ids: &[String],
    sources: &Sources,
    given: &[std::borrow::Cow<'static, Methodology>],
    among: &[&Methodology],
    put: &mut dyn FnMut(String, Vec<u8>) -> Result<(), Error>,
) -> Result<Vec<MethodologyEntry>, Error> {
    let mut entries: Vec<MethodologyEntry> = Vec::new();
    for id in ids {
        let m = among
            .iter()
            .find(|m| m.id() == id)
            .copied()
            .map_or_else(|| crate::catalog::get(id), Ok)?;
        let text = match sources
            .methodologies
            .iter()
            .zip(given)
            .find(|(_, g)| g.id() == id)
        {
            // A file given: its bytes as read (it loaded, so it is UTF-8 TOML).
            Some((file, std::borrow::Cow::Owned(_))) => read(Path::new(file))?,
            _ => crate::catalog::source(id)
                .map(|t| t.as_bytes().to_vec())
                .ok_or_else(|| refused("", format!("no text for methodology `{id}`")))?,
        };
        let file = format!("inputs/methodologies/{id}.toml");
        put(file.clone(), text)?;
        entries.push(MethodologyEntry {
            id: id.clone(),
            sha256: m.sha256().to_owned(),
            file,
        });
    }
    Ok(entries)
}

/// Every unit scored (its final scorecard) and ranked.
struct Scored {
    cards: Vec<crate::Scorecard>,
    ranked: crate::batch::Ranked,
    methodologies: Vec<String>,
}

impl Scored {
    /// The ranking's report: by blocks with a roster, else the one list.
    fn report(&self) -> Option<&dyn crate::report::Report> {
        match (&self.ranked.blocks, self.ranked.rankings.first()) {
            (Some(b), _) => Some(b),
            (None, Some(r)) => Some(r),
            (None, None) => None,
        }
    }

    /// The cover page of a bundle whose manifest has this hash.
    fn cover(&self, manifest_sha256: &str, p: &Publication) -> Vec<u8> {
        use crate::model::text::Lang;
        use crate::report::document::{Block, Document};
        use crate::report::labels::{Label, label};
        let mut doc = self.report().map_or_else(
            || Document::new(String::new(), Lang::Vi),
            |r| r.to_document(Lang::Vi),
        );
        let mut said = vec![p.issuer.clone(), p.period.clone()];
        said.extend(p.decision.clone());
        let head = vec![
            Block::Section(format!(
                "{} / {}",
                label(Label::BundleCheck, Lang::Vi),
                label(Label::BundleCheck, Lang::En)
            )),
            Block::Lines(vec![
                format!(
                    "{} / {}: {manifest_sha256}",
                    label(Label::BundleManifest, Lang::Vi),
                    label(Label::BundleManifest, Lang::En)
                ),
                said.join(" · "),
            ]),
            Block::Paragraph(label(Label::BundleHowTo, Lang::Vi).to_owned()),
            Block::Paragraph(label(Label::BundleHowTo, Lang::En).to_owned()),
        ];
        doc.blocks.splice(0..0, head);
        crate::report::out::to_html(&doc).into_bytes()
    }

    /// The results' files: each unit's scorecard, the ranking as JSON, HTML and a workbook.
    fn results(&self) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = self
            .cards
            .iter()
            .map(|c| {
                (
                    format!("results/scorecards/{}.json", c.unit.code),
                    c.to_json().into_bytes(),
                )
            })
            .collect();
        let Some(report) = self.report() else {
            return out;
        };
        use crate::report::Format;
        for (ext, format) in [
            ("json", Format::Json),
            ("html", Format::Html),
            ("xlsx", Format::Xlsx),
        ] {
            if let Ok(o) = crate::report::render(report, format, crate::model::text::Lang::Vi) {
                out.push((format!("results/ranking.{ext}"), o.into_bytes()));
            }
        }
        out
    }
}

/// Score every unit of `paths` to its final scorecard and rank them, refusing any failure.
fn score_all(
    paths: &[PathBuf],
    survey: Option<&crate::model::survey::SurveyFile>,
    roster: Option<&crate::model::roster::Roster>,
    among: &[&Methodology],
) -> Result<Scored, Error> {
    let limits = crate::read::limits::Limits::default();
    let out = crate::batch::read_results_among(paths, survey, None, among, &limits);
    let mut problems: Vec<Problem> = Vec::new();
    for f in out.failures {
        problems.extend(f.error.problems().iter().cloned());
        if f.error.problems().is_empty() {
            problems.push(
                Problem::new(ProblemKind::BadValue, None, "", f.error.to_string()).in_file(&f.file),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let cards = out.value;
    if cards.is_empty() {
        return Err(refused(
            "",
            "no self-assessment among the inputs: nothing to publish",
        ));
    }
    for pair in cards.windows(2) {
        if let [a, b] = pair
            && a.unit.code.eq_ignore_ascii_case(&b.unit.code)
        {
            return Err(refused(
                "",
                format!("unit {} has two results among the inputs", a.unit.code),
            ));
        }
    }
    let mut methodologies: Vec<String> = cards.iter().map(|c| c.methodology.id.clone()).collect();
    methodologies.sort_unstable();
    methodologies.dedup();
    let one: Option<&Methodology> = match (roster, methodologies.as_slice()) {
        (None, [id]) => among.iter().find(|m| m.id() == id).copied(),
        _ => None,
    };
    let options = match one {
        Some(m) => crate::Options::new().methodology(m),
        None => crate::Options::new(),
    };
    let ranked = options.rank_paths(paths, survey, roster, among, false, &mut |_, _| {});
    Ok(Scored {
        cards,
        ranked: ranked.value,
        methodologies,
    })
}

impl Bundle {
    /// Write the bundle's files under `dir`, a new folder (or an empty one): a bundle is
    /// never mixed with other files, nothing is written outside it.
    ///
    /// # Errors
    ///
    /// `dir` exists and is not empty; a file or folder that cannot be written.
    pub fn write_dir(&self, dir: &Path) -> Result<(), Error> {
        if dir.exists()
            && std::fs::read_dir(dir)
                .map(|mut d| d.next().is_some())
                .unwrap_or(true)
        {
            return Err(refused(
                &dir.display().to_string(),
                "exists and is not empty: a bundle is written into a new folder",
            ));
        }
        for (name, bytes) in &self.files {
            let path = name
                .split('/')
                .fold(dir.to_path_buf(), |p, part| p.join(part));
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|cause| Error::Io {
                    path: parent.display().to_string(),
                    cause,
                })?;
            }
            std::fs::write(&path, bytes).map_err(|cause| Error::Io {
                path: path.display().to_string(),
                cause,
            })?;
        }
        Ok(())
    }
}

impl Bundle {
    /// The bundle as one zip archive, the same bytes for the same bundle (entries in path
    /// order, fixed times and permissions).
    ///
    /// # Errors
    ///
    /// The archive cannot be written (never for a bundle `publish` made).
    pub fn to_zip(&self) -> Result<Vec<u8>, Error> {
        use std::io::Write as _;
        let failed = |e: &dyn std::fmt::Display| Error::Output {
            what: "the bundle's zip".into(),
            cause: e.to_string(),
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in &self.files {
            z.start_file(name.as_str(), options)
                .map_err(|e| failed(&e))?;
            z.write_all(bytes).map_err(|e| failed(&e))?;
        }
        Ok(z.finish().map_err(|e| failed(&e))?.into_inner())
    }
}

/// The most entries a bundle's zip may hold, and the most bytes they may unpack to.
const ZIP_ENTRIES: usize = 100_000;

/// Check a bundle given as one zip archive, as [`verify_bundle`] checks a folder. Its entries
/// are unpacked into a fresh folder of the system's temporary folder (removed after), each
/// refused unless it is a plain file with a plain relative name: no `..`, no absolute path,
/// no link, no more than the batch limit of bytes in all (a zip bomb stops there). Nothing is
/// written anywhere else.
///
/// # Errors
///
/// Not a zip archive, an entry refused (named, with why), the limit passed, or what
/// [`verify_bundle`] cannot examine.
pub fn verify_bundle_zip(
    zip_bytes: &[u8],
    public_key: &str,
    key_name: &str,
    limits: &crate::read::limits::Limits,
) -> Result<BundleCheck, Error> {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes))
        .map_err(|e| refused("", format!("not a zip archive: {e}")))?;
    if archive.len() > ZIP_ENTRIES {
        return Err(refused("", format!("more than {ZIP_ENTRIES} entries")));
    }
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("par-index-verify-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|cause| Error::Io {
        path: dir.display().to_string(),
        cause,
    })?;
    let unpacked = (|| -> Result<(), Error> {
        let mut left = limits.batch_bytes;
        for i in 0..archive.len() {
            let mut entry = archive
                .by_index(i)
                .map_err(|e| refused("", format!("entry {i}: {e}")))?;
            let raw = entry.name().map(|n| n.into_owned()).unwrap_or_default();
            let shown = crate::model::text::printable(&raw).into_owned();
            if entry.is_dir() {
                continue;
            }
            if entry.is_symlink() {
                return Err(refused(&shown, "a link in a bundle's zip: refused"));
            }
            let parts: Vec<&str> = raw.split(['/', '\\']).collect();
            let plain = !raw.starts_with(['/', '\\'])
                && !raw.contains(':')
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && *p != "." && *p != "..");
            if !plain {
                return Err(refused(
                    &shown,
                    "not a plain relative name (`..`, an absolute path or a drive): refused",
                ));
            }
            let path = parts.iter().fold(dir.clone(), |p, part| p.join(part));
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|cause| Error::Io {
                    path: parent.display().to_string(),
                    cause,
                })?;
            }
            let mut data = Vec::new();
            (&mut entry)
                .take(left.saturating_add(1))
                .read_to_end(&mut data)
                .map_err(|e| refused(&shown, format!("cannot unpack: {e}")))?;
            let len = u64::try_from(data.len()).unwrap_or(u64::MAX);
            if len > left {
                return Err(refused(
                    &shown,
                    format!(
                        "the zip unpacks to more than {} bytes (the limit of a batch): refused",
                        limits.batch_bytes
                    ),
                ));
            }
            left = left.saturating_sub(len);
            std::fs::write(&path, data).map_err(|cause| Error::Io {
                path: path.display().to_string(),
                cause,
            })?;
        }
        Ok(())
    })();
    let out = unpacked.and_then(|()| verify_bundle(&dir, public_key, key_name));
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// What [`verify_bundle`] found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct BundleCheck {
    /// The signature's trusted comment (issuer and period), when the signature holds.
    pub trusted_comment: Option<String>,
    /// The manifest's SHA-256.
    pub manifest_sha256: String,
    /// Problems of the bundle as a whole: the signature, files missing, extra or altered,
    /// the ranking, each with its reason.
    pub problems: Vec<String>,
    /// One verdict per unit published: its code and `None` when verified, else why not.
    pub units: Vec<(String, Option<String>)>,
}

impl BundleCheck {
    /// Whether everything holds: the signature, every file, every unit, the ranking.
    #[must_use]
    pub fn ok(&self) -> bool {
        self.trusted_comment.is_some()
            && self.problems.is_empty()
            && !self.units.is_empty()
            && self.units.iter().all(|(_, why)| why.is_none())
    }
}

/// Check a bundle folder with the issuer's public key (the `.pub` file's text): the
/// signature, that every file is listed with its digest and none is missing or extra, then
/// every scorecard and the ranking computed again from the inputs and compared with what is
/// published.
///
/// # Errors
///
/// Only when the bundle cannot be examined at all (no manifest, no signature, a public key
/// that is not one); every other finding is in the [`BundleCheck`].
pub fn verify_bundle(dir: &Path, public_key: &str, key_name: &str) -> Result<BundleCheck, Error> {
    let manifest_bytes = read(&dir.join(MANIFEST))?;
    let signature = String::from_utf8(read(&dir.join(SIGNATURE))?)
        .map_err(|_| refused(SIGNATURE, "not text"))?;
    let mut check = BundleCheck {
        manifest_sha256: sha256(&manifest_bytes),
        ..BundleCheck::default()
    };
    match verify_signature(public_key, &manifest_bytes, &signature, key_name) {
        Ok(tc) => check.trusted_comment = Some(tc),
        Err(e) => check.problems.push(format!("signature: {e}")),
    }
    let manifest: Manifest = match serde_json::from_slice(&manifest_bytes) {
        Ok(m) => m,
        Err(e) => {
            check
                .problems
                .push(format!("{MANIFEST}: not a bundle manifest: {e}"));
            return Ok(check);
        }
    };
    if manifest.statement_type != STATEMENT_TYPE || manifest.predicate_type != PREDICATE_TYPE {
        check
            .problems
            .push(format!("{MANIFEST}: not a par-index bundle (its types)"));
    }
    if let Some(tc) = &check.trusted_comment
        && *tc != manifest.predicate.publication.trusted_comment()
    {
        check.problems.push(format!(
            "the signature's trusted comment `{tc}` does not say the manifest's issuer and period"
        ));
    }
    check_files(dir, &manifest, &mut check);
    recompute(dir, &manifest, &mut check);
    Ok(check)
}

/// The files: exactly those listed, each with its digest.
fn check_files(dir: &Path, manifest: &Manifest, check: &mut BundleCheck) {
    let walked = crate::read::walk::walk(&[dir], &|_| true);
    let mut present: BTreeMap<String, PathBuf> = BTreeMap::new();
    for f in walked.files {
        let rel = f.strip_prefix(dir).unwrap_or(&f);
        let parts: Vec<&std::ffi::OsStr> = rel.iter().collect();
        match bundle_name(&parts) {
            Ok(name) if name == MANIFEST || name == SIGNATURE || name == COVER => {}
            Ok(name) => {
                present.insert(name, f);
            }
            Err(e) => check.problems.push(format!("{}: {e}", rel.display())),
        }
    }
    for s in &manifest.subject {
        match present.remove(&s.name) {
            None => check
                .problems
                .push(format!("{}: listed in the manifest, missing", s.name)),
            Some(path) => {
                let got = read(&path).map(|b| sha256(&b)).unwrap_or_default();
                if s.digest.get("sha256") != Some(&got) {
                    check.problems.push(format!(
                        "{}: its SHA-256 is not the manifest's (the file was changed)",
                        s.name
                    ));
                }
            }
        }
    }
    for extra in present.keys() {
        check
            .problems
            .push(format!("{extra}: not listed in the manifest (added)"));
    }
}

/// Every result computed again from the inputs and compared with what is published.
fn recompute(dir: &Path, manifest: &Manifest, check: &mut BundleCheck) {
    let p = &manifest.predicate;
    let at = |name: &str| {
        name.split('/')
            .fold(dir.to_path_buf(), |p, part| p.join(part))
    };
    let mut given: Vec<Methodology> = Vec::new();
    for m in &p.methodologies {
        match crate::read::methodology::load_methodology_file(at(&m.file)) {
            Ok(loaded) if loaded.sha256() == m.sha256 && loaded.id() == m.id => given.push(loaded),
            Ok(_) => check.problems.push(format!(
                "{}: not the methodology the manifest names",
                m.file
            )),
            Err(e) => check.problems.push(e.to_string()),
        }
    }
    let among: Vec<&Methodology> = given.iter().collect();
    // The files scored, told apart as `publish` told them (self-assessments, forms and
    // stage files; the survey is the one the manifest names).
    let roots: Vec<PathBuf> = p.inputs.iter().map(|i| at(i)).collect();
    let paths: Vec<PathBuf> = crate::read::walk::walk(&roots, &|f| {
        crate::read::walk::has_ext(f, &["json", "xlsx"])
    })
    .files
    .into_iter()
    .filter(|f| {
        use crate::read::detect::FileKind;
        matches!(
            crate::read::detect::detect_file_kind(f),
            FileKind::Submission | FileKind::Stage
        )
    })
    .collect();
    let survey = match p
        .survey
        .as_ref()
        .map(|s| crate::model::survey::SurveyFile::from_file(at(s)))
        .transpose()
    {
        Ok(s) => s,
        Err(e) => {
            check.problems.push(e.to_string());
            return;
        }
    };
    let roster = match p
        .roster
        .as_ref()
        .map(|r| crate::model::roster::Roster::from_file(at(r)))
        .transpose()
    {
        Ok(r) => r,
        Err(e) => {
            check.problems.push(e.to_string());
            return;
        }
    };
    let scored = match score_all(&paths, survey.as_ref(), roster.as_ref(), &among) {
        Ok(s) => s,
        Err(e) => {
            check
                .problems
                .push(format!("the inputs do not score again: {e}"));
            return;
        }
    };
    let again: BTreeMap<String, Vec<u8>> = scored.results().into_iter().collect();
    let published: Vec<&Subject> = manifest
        .subject
        .iter()
        .filter(|s| s.name.starts_with("results/"))
        .collect();
    for s in &published {
        let Some(code) = s
            .name
            .strip_prefix("results/scorecards/")
            .and_then(|n| n.strip_suffix(".json"))
        else {
            continue;
        };
        let verdict = match (again.get(&s.name), read(&at(&s.name))) {
            (None, _) => Some("published, but the inputs give no result for this unit".to_owned()),
            (Some(want), Ok(got)) if *want == got => None,
            (Some(_), Ok(_)) => {
                Some("the published scorecard is not what its inputs score to".to_owned())
            }
            (Some(_), Err(e)) => Some(e.to_string()),
        };
        check.units.push((code.to_owned(), verdict));
    }
    for name in again.keys() {
        if !published.iter().any(|s| s.name == *name) {
            check.problems.push(format!(
                "{name}: the inputs give it, the bundle does not publish it"
            ));
        }
    }
    for ext in ["json", "html", "xlsx"] {
        let name = format!("results/ranking.{ext}");
        if let (Some(want), Ok(got)) = (again.get(&name), read(&at(&name)))
            && *want != got
        {
            check
                .problems
                .push(format!("{name}: not the ranking the scorecards give"));
        }
    }
    // The cover page, made again for this manifest.
    match read(&at(COVER)) {
        Ok(got) if got == scored.cover(&check.manifest_sha256, &p.publication) => {}
        Ok(_) => check.problems.push(format!(
            "{COVER}: not the cover page of this manifest and ranking (it was changed)"
        )),
        Err(_) => check.problems.push(format!("{COVER}: missing")),
    }
    if p.units != check.units.len() {
        check.problems.push(format!(
            "the manifest says {} units, the bundle publishes {}",
            p.units,
            check.units.len()
        ));
    }
}
