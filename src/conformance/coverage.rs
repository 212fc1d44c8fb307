//! Branch coverage: which items of a methodology, and which branches of their rules, the
//! cases reached, and what no case reached.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::conformance::case::flag_names;
use crate::model::code::Code;
use crate::model::methodology::{EvidencePolicy, Methodology};
use crate::model::rule::Rule;
use crate::model::scorecard::{Adjustment, Scorecard};

/// A branch and how many cases reached it.
///
/// ```
/// let r = par_index::conformance::Reach { branch: "tier-1".into(), cases: 3 };
/// assert!(r.reached());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// The branch name (`tier-1`, `late`, `unsupported`, `band Tốt`, …).
    pub branch: String,
    /// The number of cases that reached it.
    pub cases: usize,
}

impl Reach {
    /// Whether any case reached it.
    ///
    /// ```
    /// assert!(!par_index::conformance::Reach { branch: "late".into(), cases: 0 }.reached());
    /// ```
    #[must_use]
    pub fn reached(&self) -> bool {
        self.cases > 0
    }
}

/// The coverage of one leaf.
///
/// ```
/// let run = par_index::conformance::run(&["tests/cases/good/tiers.cases.toml"]);
/// let cov = &run.coverage()[0];
/// let item = cov.items.iter().find(|i| i.code.as_str() == "3.2.1").unwrap();
/// assert_eq!(item.rule, "tiers");
/// assert!(item.branches.iter().any(|b| b.branch == "tier-2" && b.reached()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ItemCoverage {
    /// The leaf's code.
    pub code: Code,
    /// Its rule kind.
    pub rule: &'static str,
    /// Every branch it can take, with the cases that reached it.
    pub branches: Vec<Reach>,
}

/// The coverage of one methodology by a run of cases.
///
/// The branches of a leaf are those of its rule ([`crate::methodology::Rule::branch_names`]: each tier
/// and below all tiers, the target (the cap of a proportional rule), the floor, late, not
/// done, …), `not-applicable` when it has an N/A policy, `unanswered`, and, for items scored
/// from the self-assessment, `unsupported` (points claimed without evidence or explanation)
/// and `explained` (claimed with an explanation only). The methodology as a whole has its
/// bands, bonus and penalty within and over their caps, a bonus without evidence, and a
/// total clamped at either end.
///
/// ```
/// let run = par_index::conformance::run(&["tests/cases"]);
/// let cov = run.coverage();
/// assert!(cov[0].overall.iter().any(|r| r.branch == "band Tốt" && r.reached()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Coverage {
    /// The methodology's id.
    pub methodology: String,
    /// Its SHA-256.
    pub sha256: String,
    /// The number of cases that scored against it.
    pub cases: usize,
    /// Every leaf, in code order.
    pub items: Vec<ItemCoverage>,
    /// Branches of the methodology as a whole.
    pub overall: Vec<Reach>,
}

fn reach(names: Vec<String>) -> Vec<Reach> {
    names
        .into_iter()
        .map(|branch| Reach { branch, cases: 0 })
        .collect()
}

fn hit(list: &mut [Reach], name: &str) {
    if let Some(r) = list.iter_mut().find(|r| r.branch == name) {
        r.cases = r.cases.saturating_add(1);
    }
}

impl Coverage {
    /// The coverage of `m` by these scorecards.
    ///
    /// ```
    /// use par_index::{catalog, conformance::Coverage};
    /// use par_index::catalog::sample_scorecard;
    /// let cov = Coverage::of(catalog::default_methodology(), [&sample_scorecard()]);
    /// assert_eq!(cov.cases, 1);
    /// assert!(cov.unreached().count() > 0);
    /// ```
    pub fn of<'a>(m: &Methodology, cards: impl IntoIterator<Item = &'a Scorecard>) -> Coverage {
        let flagging = match m.evidence_policy() {
            EvidencePolicy::Zero => "bonus-not-counted",
            EvidencePolicy::Flag => "bonus-flagged",
        };
        let mut items: Vec<ItemCoverage> = m
            .leaves()
            .filter_map(|leaf| {
                let rule = leaf.rule()?;
                let mut names = rule.branch_names();
                if leaf.na_policy().is_some() {
                    names.push("not-applicable".into());
                }
                names.push("unanswered".into());
                if !matches!(rule, Rule::Survey) {
                    names.push("unsupported".into());
                    names.push("explained".into());
                }
                Some(ItemCoverage {
                    code: leaf.code().clone(),
                    rule: rule.kind(),
                    branches: reach(names),
                })
            })
            .collect();
        let mut overall: Vec<String> = m
            .bands()
            .iter()
            .map(|b| format!("band {}", b.label.vi))
            .collect();
        overall.extend(
            [
                "bonus",
                "bonus-capped",
                flagging,
                "penalty",
                "penalty-capped",
                "total-clamped-at-max",
                "total-clamped-at-zero",
            ]
            .map(str::to_owned),
        );
        let mut overall = reach(overall);
        let mut cases = 0usize;
        for card in cards {
            cases = cases.saturating_add(1);
            for leaf in card.leaves() {
                let Some(item) = items.iter_mut().find(|i| i.code == leaf.code) else {
                    continue;
                };
                if let Some(t) = &leaf.trace {
                    hit(&mut item.branches, &t.branch.name());
                }
                for f in flag_names(leaf) {
                    if f == "unsupported" || f == "explained" {
                        hit(&mut item.branches, &f);
                    }
                }
            }
            hit(&mut overall, &format!("band {}", card.band.label.vi));
            adjustment(&mut overall, &card.bonus, "bonus", flagging);
            adjustment(&mut overall, &card.penalty, "penalty", "");
            let gross = card
                .appraised
                .points
                .checked_add(card.survey.points)
                .and_then(|x| x.checked_add(card.bonus.points))
                .and_then(|x| x.checked_sub(card.penalty.points));
            if let Some(g) = gross {
                if g > card.applicable_max {
                    hit(&mut overall, "total-clamped-at-max");
                } else if g < Decimal::ZERO {
                    hit(&mut overall, "total-clamped-at-zero");
                }
            }
        }
        items.sort_by(|a, b| a.code.cmp(&b.code));
        Coverage {
            methodology: m.id().to_owned(),
            sha256: m.sha256().to_owned(),
            cases,
            items,
            overall,
        }
    }

    /// What no case reached: (item code, or `None` for the methodology as a whole; branch).
    ///
    /// ```
    /// use par_index::{catalog, conformance::Coverage};
    /// let cov = Coverage::of(catalog::default_methodology(), []);
    /// assert_eq!(cov.unreached().next(), Some((Some(&"1.1.1".parse().unwrap()), "on-time")));
    /// ```
    pub fn unreached(&self) -> impl Iterator<Item = (Option<&Code>, &str)> {
        self.items
            .iter()
            .flat_map(|i| {
                i.branches
                    .iter()
                    .filter(|b| !b.reached())
                    .map(move |b| (Some(&i.code), b.branch.as_str()))
            })
            .chain(
                self.overall
                    .iter()
                    .filter(|b| !b.reached())
                    .map(|b| (None, b.branch.as_str())),
            )
    }

    /// The number of branches, and of those reached.
    ///
    /// ```
    /// use par_index::{catalog, conformance::Coverage};
    /// let (reached, all) = Coverage::of(catalog::default_methodology(), []).counts();
    /// assert_eq!(reached, 0);
    /// assert!(all > 54 * 3);
    /// ```
    #[must_use]
    pub fn counts(&self) -> (usize, usize) {
        let all = self
            .items
            .iter()
            .flat_map(|i| &i.branches)
            .chain(&self.overall);
        all.fold((0usize, 0usize), |(r, n), b| {
            (
                r.saturating_add(usize::from(b.reached())),
                n.saturating_add(1),
            )
        })
    }

    /// The report: a summary line, then (with `items`) every item with the cases that
    /// reached each branch, then what no case reached.
    ///
    /// ```
    /// use par_index::{catalog, conformance::Coverage};
    /// let text = Coverage::of(catalog::default_methodology(), []).render(false);
    /// assert!(text.starts_with("coverage of commune-2024-model"));
    /// assert!(text.contains("not reached:"));
    /// ```
    #[must_use]
    pub fn render(&self, items: bool) -> String {
        let (reached, all) = self.counts();
        let items_reached = self
            .items
            .iter()
            .filter(|i| i.branches.iter().any(Reach::reached))
            .count();
        let mut s = format!(
            "coverage of {} (sha256 {}) by {} cases: {items_reached} of {} items, {reached} of {all} branches reached\n",
            self.methodology,
            self.sha256.get(..16).unwrap_or(&self.sha256),
            self.cases,
            self.items.len(),
        );
        let line = |s: &mut String, label: &str, kind: &str, branches: &[Reach]| {
            let parts: Vec<String> = branches
                .iter()
                .map(|b| format!("{} {}", b.branch, b.cases))
                .collect();
            let _ = writeln!(s, "  {label:<8} {kind:<13} {}", parts.join(" · "));
        };
        if items {
            for i in &self.items {
                line(&mut s, i.code.as_str(), i.rule, &i.branches);
            }
            line(&mut s, "overall", "", &self.overall);
        }
        let missing: Vec<String> = self
            .unreached()
            .map(|(code, b)| match code {
                Some(c) => format!("{c} {b}"),
                None => b.to_owned(),
            })
            .collect();
        if missing.is_empty() {
            s.push_str("not reached: none\n");
        } else {
            let _ = writeln!(s, "not reached: {} branches", missing.len());
            for m in missing {
                let _ = writeln!(s, "  {m}");
            }
        }
        s
    }
}

fn adjustment(overall: &mut [Reach], a: &Adjustment, name: &str, flagged: &str) {
    if a.entries.iter().any(|e| e.counted) {
        hit(overall, name);
    }
    if a.claimed > a.cap {
        hit(overall, &format!("{name}-capped"));
    }
    if !flagged.is_empty() && a.entries.iter().any(|e| e.note.is_some()) {
        hit(overall, flagged);
    }
}
