//! Exact comparison of products of decimals.
//!
//! A `Decimal` holds a 96-bit integer and a scale; the product of two of them can need 192
//! bits and 56 decimal places, so `a × b ≥ c × d` computed with `Decimal` arithmetic can lose
//! the last digits and decide a threshold by rounding. Here each side is an exact integer of
//! up to 896 bits: the product of the mantissas, brought to a common scale. Products of up to
//! four decimals compare exactly whatever their digits (4 × 96 bits of mantissa plus 10^112
//! of scale alignment, 756 bits, fit in 896).

use std::cmp::Ordering;

use rust_decimal::Decimal;
use rust_decimal::RoundingStrategy;

/// The rounding of par-index, in words; recorded in every scorecard.
///
/// ```
/// assert_eq!(par_index::catalog::sample_scorecard().rounding, par_index::methodology::ROUNDING);
/// ```
pub const ROUNDING: &str = "leaf points and the index: 2 decimals, half away from zero; sums exact";

/// The one rounding place: 2 decimals, half away from zero. Applied to each leaf's points
/// and, once, to the index; every sum is exact.
///
/// ```
/// use par_index::methodology::round_points;
/// use rust_decimal::Decimal;
/// assert_eq!(round_points(Decimal::new(1125, 3)), Decimal::new(113, 2)); // 1.125 → 1.13
/// assert_eq!(round_points(Decimal::new(1124, 3)), Decimal::new(112, 2)); // 1.124 → 1.12
/// ```
#[must_use]
pub fn round_points(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

const LIMBS: usize = 14;

/// An unsigned integer of 640 bits, little-endian limbs.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Wide([u64; LIMBS]);

impl Wide {
    fn one() -> Wide {
        let mut w = [0u64; LIMBS];
        if let Some(low) = w.first_mut() {
            *low = 1;
        }
        Wide(w)
    }

    /// self × x, in place. The callers' sizes are bounded so that it cannot overflow (see
    /// the module's note); an overflow would saturate, never wrap.
    fn mul_u64(&mut self, x: u64) {
        let mut carry: u128 = 0;
        for limb in &mut self.0 {
            // limb × x + carry < 2^128: (2^64 − 1)² + 2^64 − 1 < 2^128.
            let p = u128::from(*limb)
                .wrapping_mul(u128::from(x))
                .wrapping_add(carry);
            #[allow(clippy::cast_possible_truncation)]
            {
                *limb = p as u64;
            }
            carry = p >> 64;
        }
        if carry != 0 {
            self.0 = [u64::MAX; LIMBS];
        }
    }

    /// self × x for a 128-bit x: self × lo + (self × hi) × 2^64.
    fn mul_u128(&mut self, x: u128) {
        #[allow(clippy::cast_possible_truncation)]
        let (lo, hi) = (x as u64, (x >> 64) as u64);
        let mut high = *self;
        high.mul_u64(hi);
        self.mul_u64(lo);
        if high.0.last().is_some_and(|l| *l != 0) {
            self.0 = [u64::MAX; LIMBS];
            return;
        }
        let shifted = std::iter::once(0u64).chain(high.0.iter().copied());
        let mut carry = false;
        for (a, b) in self.0.iter_mut().zip(shifted) {
            let (s1, c1) = a.overflowing_add(b);
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            *a = s2;
            carry = c1 || c2;
        }
        if carry {
            self.0 = [u64::MAX; LIMBS];
        }
    }

    fn mul_pow10(&mut self, n: u32) {
        const TEN19: u64 = 10_000_000_000_000_000_000;
        let mut n = n;
        while let Some(rest) = n.checked_sub(19) {
            self.mul_u64(TEN19);
            n = rest;
        }
        if n > 0 {
            self.mul_u64(10u64.saturating_pow(n));
        }
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|l| *l == 0)
    }
}

impl Ord for Wide {
    fn cmp(&self, other: &Wide) -> Ordering {
        self.0.iter().rev().cmp(other.0.iter().rev())
    }
}

impl PartialOrd for Wide {
    fn partial_cmp(&self, other: &Wide) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The product of up to three decimals as (negative, |mantissa product|, total scale).
fn product(factors: &[Decimal]) -> (bool, Wide, u32) {
    let mut w = Wide::one();
    let mut neg = false;
    let mut scale = 0u32;
    for f in factors {
        neg ^= f.is_sign_negative() && !f.is_zero();
        w.mul_u128(f.mantissa().unsigned_abs());
        scale = scale.saturating_add(f.scale());
    }
    (neg, w, scale)
}

/// Compare the product of `left` with the product of `right`, exactly. Each side has at most
/// four factors: `100 × 0.9499999999999999999999999999 < 95 × 0.9999999999999999999999999999`
/// although `Decimal` arithmetic rounds both products to 94.99999999999999999999999999.
pub(crate) fn cmp_products(left: &[Decimal], right: &[Decimal]) -> Ordering {
    // Real inputs (counts, percentages) fit in 128 bits: compare there, exactly.
    if let (Some(l), Some(r)) = (small(left), small(right))
        && let Some(o) = cmp_small(l, r)
    {
        return o;
    }
    let (ln, mut l, ls) = product(left);
    let (rn, mut r, rs) = product(right);
    let (lz, rz) = (l.is_zero(), r.is_zero());
    let ln = ln && !lz;
    let rn = rn && !rz;
    match (ln, rn) {
        (false, true) => return Ordering::Greater,
        (true, false) => return Ordering::Less,
        _ => {}
    }
    if ls < rs {
        l.mul_pow10(rs.saturating_sub(ls));
    } else {
        r.mul_pow10(ls.saturating_sub(rs));
    }
    let magnitude = l.cmp(&r);
    if ln { magnitude.reverse() } else { magnitude }
}

/// The product of the factors as (mantissa product, total scale), when it fits in an i128.
fn small(factors: &[Decimal]) -> Option<(i128, u32)> {
    let mut m: i128 = 1;
    let mut scale = 0u32;
    for f in factors {
        m = m.checked_mul(f.mantissa())?;
        scale = scale.checked_add(f.scale())?;
    }
    Some((m, scale))
}

/// Compare two small products brought to one scale, when the larger still fits.
fn cmp_small((l, ls): (i128, u32), (r, rs): (i128, u32)) -> Option<Ordering> {
    let up = |m: i128, by: u32| 10i128.checked_pow(by).and_then(|p| m.checked_mul(p));
    let (l, r) = if ls < rs {
        (up(l, rs.saturating_sub(ls))?, r)
    } else {
        (l, up(r, ls.saturating_sub(rs))?)
    };
    Some(l.cmp(&r))
}

/// Round `raw`, an approximation of the exact quotient q = Π`num` ÷ Π`den` (q ≥ 0, at most
/// four factors in `num` and three in `den`, the denominator > 0), to 2 decimals half away from zero as q itself
/// rounds: when a midpoint lies between q and its approximation, the result is q's side.
pub(crate) fn round_quotient(raw: Decimal, num: &[Decimal], den: &[Decimal]) -> Decimal {
    let r = crate::model::exact::round_points(raw);
    let half = Decimal::new(5, 3);
    let step = Decimal::new(1, 2);
    // x × Πden, in a buffer on the stack (no allocation: this runs for every leaf).
    let n = den.len().min(3).saturating_add(1);
    let times = |x: Decimal| {
        let mut buf = [Decimal::ZERO; 4];
        if let Some(first) = buf.first_mut() {
            *first = x;
        }
        for (slot, d) in buf.iter_mut().skip(1).zip(den) {
            *slot = *d;
        }
        buf
    };
    // q < r − 0.005 ⇔ Πnum < (r − 0.005) × Πden: q rounds lower.
    if let Some(lo) = r.checked_sub(half)
        && lo >= Decimal::ZERO
        && cmp_products(num, times(lo).get(..n).unwrap_or_default()) == Ordering::Less
        && let Some(down) = r.checked_sub(step)
    {
        return down;
    }
    // q ≥ r + 0.005: q rounds higher.
    if let Some(hi) = r.checked_add(half)
        && cmp_products(num, times(hi).get(..n).unwrap_or_default()) != Ordering::Less
        && let Some(up) = r.checked_add(step)
    {
        return up;
    }
    r
}

/// Parse a decimal exactly, from its written form. Underscores (TOML) and a leading `+` are
/// allowed; exponents, `inf` and `nan` are not. A number reads when a decimal holds it
/// exactly once leading and trailing zeros that change nothing are set aside: at most 28
/// decimal places, and at most 28 significant digits (29 when the digits, as a whole number,
/// are at most 79228162514264337593543950335). docs/submission-format.md says the same.
pub(crate) fn parse_decimal(text: &str) -> Result<Decimal, String> {
    // Most numbers are written plainly (`0.75`, `-3`): read in place, with no copy.
    let trimmed = text.trim().trim_start_matches('+');
    let cleaned: std::borrow::Cow<'_, str> = if trimmed.contains('_') {
        trimmed
            .chars()
            .filter(|c| *c != '_')
            .collect::<String>()
            .into()
    } else {
        trimmed.into()
    };
    let digits = cleaned.strip_prefix('-').unwrap_or(&cleaned);
    let mut parts = digits.splitn(2, '.');
    let int = parts.next().unwrap_or_default();
    let frac = parts.next();
    let ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        return Err(format!(
            "expected a decimal number like 12 or 0.75, found `{text}`"
        ));
    }
    // The usual number is held as written: no copy.
    if let Ok(d) = Decimal::from_str_exact(&cleaned) {
        return Ok(d.normalize());
    }
    // Otherwise, zeros that change nothing are set aside before the digits are counted:
    // leading zeros of the whole part, trailing zeros of the fraction (`1.000…0` is 1,
    // whatever its length).
    let negative = cleaned.starts_with('-');
    let int = int.trim_start_matches('0');
    let frac = frac.map_or("", |f| f.trim_end_matches('0'));
    if frac.len() > 28 {
        return Err(format!(
            "`{text}` has {} decimal places; an exact decimal has at most 28",
            frac.len()
        ));
    }
    let plain = match (int.is_empty(), frac.is_empty()) {
        (true, true) => "0".to_owned(),
        (true, false) => format!("0.{frac}"),
        (false, true) => int.to_owned(),
        (false, false) => format!("{int}.{frac}"),
    };
    Decimal::from_str_exact(&plain)
        .map(|mut d| {
            d.set_sign_negative(negative && !d.is_zero());
            d.normalize()
        })
        .map_err(|_| {
            format!(
                "`{text}` has more significant digits than an exact decimal holds (28, or 29 up to 79228162514264337593543950335)"
            )
        })
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    /// What docs/submission-format.md says: at most 28 decimal places and 28 significant
    /// digits (29 up to the largest decimal), zeros that change nothing set aside.
    #[test]
    fn a_number_reads_when_a_decimal_holds_it_exactly() {
        let ok = |t: &str, v: &str| assert_eq!(parse_decimal(t).unwrap(), d(v), "{t}");
        ok(
            "0.0591666666666666666666666666",
            "0.0591666666666666666666666666",
        ); // 28 places
        ok("1.000000000000000000000000000000000", "1"); // trailing zeros past 28 places
        ok("0000000000000000000000000000000001.5", "1.5");
        ok(
            "79228162514264337593543950335",
            "79228162514264337593543950335",
        ); // 29 digits
        ok("-0.50", "-0.5");
        ok("-0", "0");
        ok(
            "7.9228162514264337593543950335",
            "7.9228162514264337593543950335",
        );
        let e = parse_decimal("0.05916666666666666666666666666").unwrap_err();
        assert!(e.contains("has 29 decimal places"), "{e}");
        let e = parse_decimal("79228162514264337593543950336").unwrap_err();
        assert!(e.contains("more significant digits"), "{e}");
        assert!(parse_decimal("8234567890123456789012345678.9").is_err()); // 29 digits, past the largest
        assert!(parse_decimal("1234567890123456789012345678.9").is_ok()); // 29 digits that fit
        assert!(parse_decimal("123456789012345678901234567.8").is_ok()); // 28 digits
    }

    #[test]
    fn products_compare_exactly_past_28_digits() {
        let num = d("0.9499999999999999999999999999");
        let den = d("0.9999999999999999999999999999");
        // 100 × num < 95 × den, by 5e-27 (Decimal arithmetic rounds this to equal).
        assert_eq!(
            cmp_products(&[num, Decimal::ONE_HUNDRED], &[d("95"), den]),
            Ordering::Less
        );
        assert_eq!(
            cmp_products(&[d("95"), den], &[num, Decimal::ONE_HUNDRED]),
            Ordering::Greater
        );
        let big = Decimal::MAX;
        assert_eq!(
            cmp_products(&[big, big, big], &[big, big, big]),
            Ordering::Equal
        );
        assert_eq!(
            cmp_products(
                &[big, big, big],
                &[big, big, d("79228162514264337593543950334")]
            ),
            Ordering::Greater
        );
        assert_eq!(cmp_products(&[d("-1"), d("2")], &[d("1")]), Ordering::Less);
        assert_eq!(
            cmp_products(&[d("-1"), d("-2")], &[d("1")]),
            Ordering::Greater
        );
        assert_eq!(cmp_products(&[d("0")], &[d("-0.0")]), Ordering::Equal);
        assert_eq!(
            cmp_products(&[d("0.0000000000000000000000000001")], &[d("1")]),
            Ordering::Less
        );
    }

    #[test]
    fn signs_and_zeros() {
        // A negative product is below any positive one, whatever the magnitudes.
        assert_eq!(cmp_products(&[d("-1")], &[d("2")]), Ordering::Less);
        assert_eq!(cmp_products(&[d("2")], &[d("-1")]), Ordering::Greater);
        assert_eq!(cmp_products(&[d("-2")], &[d("-1")]), Ordering::Less);
        // Zero times a negative is zero, not negative.
        assert_eq!(cmp_products(&[d("0"), d("-1")], &[d("0")]), Ordering::Equal);
        assert_eq!(
            cmp_products(&[d("0"), d("-1")], &[d("-1")]),
            Ordering::Greater
        );
        assert_eq!(cmp_products(&[d("-1")], &[d("0"), d("-5")]), Ordering::Less);
    }

    fn oracle(fs: &[Decimal]) -> (num_bigint::BigInt, u32) {
        let mut n = num_bigint::BigInt::from(1);
        let mut s = 0;
        for f in fs {
            n *= num_bigint::BigInt::from(f.mantissa());
            s += f.scale();
        }
        (n, s)
    }

    fn any_decimal() -> impl proptest::strategy::Strategy<Value = Decimal> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Decimal::MAX),
            Just(Decimal::MIN),
            Just(Decimal::ZERO),
            (any::<i128>(), 0u32..=28).prop_map(|(m, s)| {
                let m = m % 79_228_162_514_264_337_593_543_950_336;
                Decimal::from_i128_with_scale(m, s)
            }),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Any products of up to four decimals compare as their exact values do.
        #[test]
        fn products_compare_as_big_integers(
            l in proptest::collection::vec(any_decimal(), 1..=4),
            r in proptest::collection::vec(any_decimal(), 1..=4),
        ) {
            let (ln, ls) = oracle(&l);
            let (rn, rs) = oracle(&r);
            let ten = num_bigint::BigInt::from(10);
            let expected = (ln * ten.pow(rs)).cmp(&(rn * ten.pow(ls)));
            proptest::prop_assert_eq!(cmp_products(&l, &r), expected);
        }
    }

    proptest::proptest! {
        /// The same factors in another order make the same product, to the last bit: the
        /// carries of the wide multiplication are all kept.
        #[test]
        fn products_commute(l in proptest::collection::vec(any_decimal(), 1..=4)) {
            let mut r = l.clone();
            r.reverse();
            proptest::prop_assert_eq!(cmp_products(&l, &r), Ordering::Equal);
            r.rotate_left(1);
            proptest::prop_assert_eq!(cmp_products(&l, &r), Ordering::Equal);
        }
    }

    #[test]
    fn carries_are_kept() {
        // (2^64 − 1) × (2^65 − 1): adding the high half carries out of a limb.
        let a = Decimal::from_i128_with_scale((1i128 << 64) - 1, 0);
        let b = Decimal::from_i128_with_scale((1i128 << 65) - 1, 0);
        assert_eq!(cmp_products(&[a, b], &[b, a]), Ordering::Equal);
        assert_eq!(cmp_products(&[a, b, a], &[a, a, b]), Ordering::Equal);
    }

    #[test]
    fn quotients_round_as_the_exact_value() {
        // q = 1.125 exactly: half away from zero → 1.13.
        assert_eq!(round_quotient(d("1.125"), &[d("9")], &[d("8")]), d("1.13"));
        // An approximation that sits on the midpoint while q is just below it.
        let q_num = [d("1.1249999999999999999999999999")];
        assert_eq!(round_quotient(d("1.125"), &q_num, &[d("1")]), d("1.12"));
        // And just above it while q is below: q = 1.12 rounds to 1.12.
        assert_eq!(
            round_quotient(d("1.115"), &[d("1.12")], &[d("1")]),
            d("1.12")
        );
    }
}
