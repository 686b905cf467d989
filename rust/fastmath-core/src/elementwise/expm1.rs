//! `e^x - 1` for `f64` in portable, branch-free Rust; its core, [`expm1_parts`], is written over
//! [`Lanes`], so the slice loops run two elements per instruction on wasm32 `simd128`
//! (`lanes.rs`), and `tanh` is built on it.
//!
//! The reduction is `exp`'s (see `exp.rs`): `e^x = 2^k 2^(j/N) e^r`, `N = 256`,
//! `n = N k + j = round(x N / ln 2)`, `|r| <= ln 2 / 512`. What `expm1` adds is that the
//! subtraction of 1 must not cost accuracy where `e^x - 1` is small: there `exp`'s own
//! roundings (about `2^-62` absolute) would be many ulps of the result. So everything that the
//! result depends on to first order is kept exact:
//!
//! 1. Clamp `x` to `[-40, MAX_ARG]` with two selects (NaN passes through both): below -40 the
//!    result rounds to -1 anyway (`e^-40 < 2^-57`), `MAX_ARG` is the largest `x` with a finite
//!    `e^x`, and above it the result is `inf` (a select at the end). So `-58 <= k <= 1024`;
//!    for `x > 700` the scale is `2^(k-1)` and the result is doubled at the end (exactly), so the
//!    scale is always a normal double and no partial sum overflows.
//! 2. `r + r_err = x - n ln 2 / N` to `2^-77`: `x - n STEP_HI` is exact (as in `exp`) and the
//!    two-sum of it and `-n STEP_LO` keeps the rounding error of the subtraction.
//! 3. `2^(j/N) = hi + mid` from the table, `hi` with 26 significant bits, `mid` the rest (to
//!    `2^-80`); `r = r_hi + r_lo` with `r_hi` the top 26 bits of `r`. Then `A = 2^k hi` and
//!    `B = A r_hi` are exact, and so are the two two-sums `(s1, e1) = A - 1` and
//!    `(s2, e2) = s1 + B`.
//! 4. `e^r - 1 = r + q`, `q = r^2 Q(r)`, `Q` of degree 3 (approximation error below `2^-69.6`
//!    absolute, `2^-60` relative to `r`). Then
//!    `e^x - 1 = s2 + e1 + e2 + 2^k (hi r_lo + mid (1 + r) + (hi + mid)(q + r_err))` up to terms
//!    below `2^-120`, and `y = s2 + ((e1 + e2) + rest)`: everything after `s2` is below
//!    `2^-19.9 e^x` (and `e1`, `e2` below half an ulp of `s1`, `s2`), so its roundings are below
//!    `2^-72 e^x`.
//!
//! Error: for `n = 0` (`|x| <= ln 2 / 512`) `A = 1`, `s1 = 0` and `y = r_hi + (r_lo + q)` with
//! `r = x` exactly: one final rounding plus `2^-60 |y|`. For `n != 0`, `|e^x - 1| >= 0.00135`,
//! so `e^x <= 2^9.6 |e^x - 1|` and the errors above are below `2^-62 |y|`; where `|k| >= 1`
//! `|s1|` and `|s2|` are within a factor 1.01 of `|y|`. In all, within about 0.51 ulp; measured:
//! see [`super::expm1`].
//!
//! No fused multiply-add, only correctly rounded `+ - *` and bit operations: the same bits on
//! every target (`bits_fingerprint` in the tests).
//!
//! # Constants
//!
//! `TABLE[j] = [hi, mid]`: `2^(j/N)` to 300 bits with mpmath 1.3, `hi` that rounded to 26
//! significant bits, `mid` the rest rounded to nearest (so `hi + mid` is `2^(j/N)` to `2^-80`);
//! `table_is_exact` in the tests re-checks every entry independently (`(hi + mid)^N = 2^j` in
//! double-double, to `2^-71`). `Q` is the Chebyshev
//! interpolant (mpmath `chebyfit`, 4 nodes) of `(e^r - 1 - r) / r^2` on
//! `|r| <= ln 2 / 512 (1 + 10^-6)`, rounded to `f64`; with the rounded coefficients
//! `r^2 |Q(r) - that| < 2^-69.6` (checked on a grid of 4001 points at 300 bits).

use super::dd::two_sum;
use super::lanes::{BitLanes, Lanes};
use core::f64::consts::LOG2_E;

const N: usize = 256;
const LOG2_N: u32 = N.trailing_zeros();
/// `1.5 * 2^52`: `v + SHIFT - SHIFT` rounds `v` to an integer, kept in `t`'s low bits.
const SHIFT: f64 = 6_755_399_441_055_744.0;
/// `N / ln 2`.
const INV_STEP: f64 = N as f64 * LOG2_E;
/// `ln 2 / N` in two parts, as in `exp.rs`: `STEP_HI` has 33 significant bits, so
/// `n STEP_HI` is exact for `|n| < 2^20`.
const STEP_HI: f64 = f64::from_bits(0x3FE6_2E42_FEF0_0000) / N as f64;
const STEP_LO: f64 = f64::from_bits(0x3DD4_73DE_6AF2_78ED) / N as f64;
const BIAS: u64 = 1023 << 52;
const EXP_MASK: u64 = 0x7FF << 52;
/// The largest `x` whose `e^x` is finite: `ln(MAX + ulp/2)` is `709.78271289338399678...`.
const MAX_ARG: f64 = f64::from_bits(0x4086_2E42_FEFA_39EF);
/// Below -40 `e^x - 1` rounds to -1.
const MIN_ARG: f64 = -40.0;
/// Clears the low 27 mantissa bits: 26 significant bits are left.
const SPLIT_MASK: u64 = !((1 << 27) - 1);

/// `Q(r) ~= (e^r - 1 - r) / r^2` on `|r| <= ln 2 / 512`, lowest degree first.
const Q: [f64; 4] = [
    f64::from_bits(0x3FDF_FFFF_FFFF_FFF5), // 0.4999999999999994
    f64::from_bits(0x3FC5_5555_5555_5552), // 0.16666666666666657
    f64::from_bits(0x3FA5_5555_6B33_072C), // 0.041666669212203494
    f64::from_bits(0x3F81_1111_1D8F_BFD4), // 0.00833333369698145
];

/// `TABLE[j] = [hi, mid]` as bits: `2^(j/N) = hi + mid`, `hi` with 26 significant bits (see the
/// module docs).
static TABLE: [[u64; 2]; N] = [
    [0x3FF0_0000_0000_0000, 0x0000_0000_0000_0000],
    [0x3FF0_0B1A_F800_0000, 0x3E42_D5E5_F6B0_94D6],
    [0x3FF0_163D_A800_0000, 0x3E3F_B333_56D8_4A67],
    [0x3FF0_2168_1800_0000, 0xBE4E_27EB_F92B_F311],
    [0x3FF0_2C9A_4000_0000, 0xBE38_87F9_F119_0835],
    [0x3FF0_37D4_3000_0000, 0xBE3E_E443_3F54_BF71],
    [0x3FF0_4315_E800_0000, 0x3E1B_9FE1_2F5C_E3E7],
    [0x3FF0_4E5F_7000_0000, 0x3E47_B2A5_894C_3794],
    [0x3FF0_59B0_D000_0000, 0x3E48_AC2B_A1D7_3E2A],
    [0x3FF0_650A_1000_0000, 0xBE3C_3E07_7572_DED6],
    [0x3FF0_706B_2800_0000, 0x3E3D_DF6D_DC6D_C404],
    [0x3FF0_7BD4_2800_0000, 0x3E4B_9541_B132_3345],
    [0x3FF0_8745_1800_0000, 0x3E1D_66F2_0230_D7C9],
    [0x3FF0_92BD_F800_0000, 0xBE39_9F82_05A0_18E0],
    [0x3FF0_9E3E_C800_0000, 0x3E46_379C_1A29_0F03],
    [0x3FF0_A9C7_9800_0000, 0x3E48_F9C8_C95D_16C8],
    [0x3FF0_B558_7000_0000, 0xBE48_33B7_84EB_3A37],
    [0x3FF0_C0F1_4800_0000, 0xBE40_DC9B_D560_CEDF],
    [0x3FF0_CC92_2800_0000, 0x3E4B_923F_BA03_DB83],
    [0x3FF0_D83B_2000_0000, 0x3E49_CAEF_5C87_D643],
    [0x3FF0_E3EC_3000_0000, 0x3E46_9E8D_1010_3A17],
    [0x3FF0_EFA5_6000_0000, 0xBE00_2B1D_A93B_7379],
    [0x3FF0_FB66_B000_0000, 0xBDB2_CE50_DCDF_6E22],
    [0x3FF1_0730_2800_0000, 0x3E2A_E467_C751_BAC6],
    [0x3FF1_1301_D000_0000, 0x3DF2_5B50_A4EB_BF1B],
    [0x3FF1_1EDB_A800_0000, 0x3E4A_F155_AC6B_7561],
    [0x3FF1_2ABD_C000_0000, 0x3E1B_0C72_FEE4_AEB5],
    [0x3FF1_36A8_1800_0000, 0xBE48_6FDA_A85C_423F],
    [0x3FF1_429A_B000_0000, 0xBE35_6D22_04CB_EFE7],
    [0x3FF1_4E95_9000_0000, 0x3E4A_7989_6E46_E17C],
    [0x3FF1_5A98_C800_0000, 0x3E24_B1CA_2490_1AAE],
    [0x3FF1_66A4_5800_0000, 0xBE4C_71E1_EFCE_1B89],
    [0x3FF1_72B8_4000_0000, 0xBE4C_1574_2919_041C],
    [0x3FF1_7ED4_8800_0000, 0xBE36_A443_FEF6_1C02],
    [0x3FF1_8AF9_3800_0000, 0x3E21_91BD_3777_EE17],
    [0x3FF1_9726_5800_0000, 0x3E0B_AE97_A955_BB0C],
    [0x3FF1_A35B_E800_0000, 0x3E4B_7E5B_A9E5_B4C8],
    [0x3FF1_AF99_F800_0000, 0x3DF3_8A1C_5EFE_1693],
    [0x3FF1_BBE0_8800_0000, 0xBE4F_DD19_632A_70C7],
    [0x3FF1_C82F_9800_0000, 0xBE46_BF1C_A5FE_D110],
    [0x3FF1_D487_3000_0000, 0x3E36_8B9A_A780_5B80],
    [0x3FF1_E0E7_6000_0000, 0xBE34_BBFD_95BF_7602],
    [0x3FF1_ED50_2000_0000, 0x3E47_E6C8_E5C4_0D00],
    [0x3FF1_F9C1_8800_0000, 0xBE4E_398D_9B7E_A494],
    [0x3FF2_063B_8800_0000, 0x3E18_A335_8EE3_BAC1],
    [0x3FF2_12BE_3800_0000, 0xBE44_3ABF_3594_DA5A],
    [0x3FF2_1F49_9000_0000, 0x3E37_DDC9_6255_2FD3],
    [0x3FF2_2BDD_A000_0000, 0x3E43_C896_89D3_4FB5],
    [0x3FF2_387A_7000_0000, 0xBE38_A9DC_7993_E052],
    [0x3FF2_451F_F800_0000, 0x3E4C_10A0_51AC_FCC9],
    [0x3FF2_51CE_5000_0000, 0xBE13_5670_329F_5521],
    [0x3FF2_5E85_7000_0000, 0x3E31_ECE7_54F8_6893],
    [0x3FF2_6B45_6800_0000, 0xBE40_EC19_16D4_2CC6],
    [0x3FF2_780E_3800_0000, 0xBE4F_1106_B43F_307F],
    [0x3FF2_84DF_E000_0000, 0x3E3F_5638_096C_F15D],
    [0x3FF2_91BA_7800_0000, 0xBE43_7224_812C_C723],
    [0x3FF2_9E9D_F800_0000, 0xBE47_0108_F69E_D175],
    [0x3FF2_AB8A_6800_0000, 0xBE32_EF0E_D655_D0C6],
    [0x3FF2_B87F_D000_0000, 0x3E2B_5B31_FFBB_D48D],
    [0x3FF2_C57E_3800_0000, 0x3E37_71B2_EABF_AE96],
    [0x3FF2_D285_A800_0000, 0xBE31_BFCF_4BFF_6E2B],
    [0x3FF2_DF96_2000_0000, 0xBE23_7D4E_D174_9802],
    [0x3FF2_ECAF_A800_0000, 0x3E33_E2F5_611C_A0F4],
    [0x3FF2_F9D2_4800_0000, 0x3E45_EC43_57AB_0EAB],
    [0x3FF3_06FE_0800_0000, 0x3E41_8DB8_A96F_46AD],
    [0x3FF3_1432_F000_0000, 0xBE40_8A68_166A_65C1],
    [0x3FF3_2171_0000_0000, 0xBE4D_993E_7656_3187],
    [0x3FF3_2EB8_3800_0000, 0x3E4D_4751_8C77_42F8],
    [0x3FF3_3C08_B000_0000, 0x3E43_20B7_FA64_E431],
    [0x3FF3_4962_6800_0000, 0xBE31_C05D_326B_4EB2],
    [0x3FF3_56C5_6000_0000, 0xBE1B_5803_CDAE_772E],
    [0x3FF3_6431_A000_0000, 0x3E46_F441_D63C_EBB6],
    [0x3FF3_71A7_3800_0000, 0xBE28_AAC6_AB1D_7560],
    [0x3FF3_7F26_2000_0000, 0x3E48_F3AA_4CC1_46AC],
    [0x3FF3_8CAE_7000_0000, 0xBE47_D13C_D3D2_B1A8],
    [0x3FF3_9A40_1800_0000, 0x3E4B_8A07_74CA_CB40],
    [0x3FF3_A7DB_3800_0000, 0xBE48_D300_48AF_21B7],
    [0x3FF3_B57F_C000_0000, 0xBDF3_930B_AACE_6476],
    [0x3FF3_C32D_C000_0000, 0x3E48_9D47_2420_00F9],
    [0x3FF3_D0E5_4800_0000, 0xBE48_90F4_6700_B97C],
    [0x3FF3_DEA6_5000_0000, 0xBE4F_6E5E_EE52_5F6F],
    [0x3FF3_EC70_E000_0000, 0xBE2C_75D1_66BD_98DF],
    [0x3FF3_FA45_0800_0000, 0xBE4A_9BFF_22FA_047F],
    [0x3FF4_0822_C000_0000, 0x3E4B_3D01_21BD_DF8B],
    [0x3FF4_160A_2000_0000, 0x3E3F_72E2_9F84_325C],
    [0x3FF4_23FB_2800_0000, 0xBE2E_D72E_CC23_16E0],
    [0x3FF4_31F5_D800_0000, 0x3E35_0A89_6DC7_0444],
    [0x3FF4_3FFA_4000_0000, 0xBE1E_D18A_F3BF_A0B4],
    [0x3FF4_4E08_6000_0000, 0x3E18_624B_40C4_DBD0],
    [0x3FF4_5C20_4000_0000, 0x3E45_3E91_8F9E_6F9A],
    [0x3FF4_6A41_F000_0000, 0xBE47_17FD_446D_7686],
    [0x3FF4_786D_6800_0000, 0xBE37_4CDC_9708_3C3B],
    [0x3FF4_86A2_B800_0000, 0xBE41_F619_7F61_F2E2],
    [0x3FF4_94E1_E000_0000, 0x3E39_2AED_1D89_AED4],
    [0x3FF4_A32A_F000_0000, 0x3E2A_FA7B_CCE5_B17A],
    [0x3FF4_B17D_E800_0000, 0x3E43_6DBE_B6ED_A478],
    [0x3FF4_BFDA_D800_0000, 0xBE46_4EAE_C715_E343],
    [0x3FF4_CE41_B800_0000, 0x3DF7_C114_4178_A5A4],
    [0x3FF4_DCB2_9800_0000, 0x3E3F_DDD0_D63B_36EF],
    [0x3FF4_EB2D_8000_0000, 0x3E3D_8ABF_EAB6_A0B4],
    [0x3FF4_F9B2_7800_0000, 0xBE36_2D35_952C_C275],
    [0x3FF5_0841_8000_0000, 0xBE27_59C2_3CBB_6C97],
    [0x3FF5_16DA_A000_0000, 0x3E46_7B32_0E08_97A9],
    [0x3FF5_257D_E800_0000, 0x3E0F_A777_71B3_395E],
    [0x3FF5_342B_5800_0000, 0xBE36_2B07_E20F_57C4],
    [0x3FF5_42E2_F800_0000, 0xBE48_4A96_C686_D92E],
    [0x3FF5_51A4_C800_0000, 0x3E42_EC90_7629_7631],
    [0x3FF5_6070_E000_0000, 0xBE40_B779_721F_6DC3],
    [0x3FF5_6F47_3800_0000, 0xBE34_AD82_5991_3500],
    [0x3FF5_7E27_D800_0000, 0x3E4F_1626_75E8_CE6F],
    [0x3FF5_8D12_D800_0000, 0xBE4B_41C0_16D6_A1EA],
    [0x3FF5_9C08_2800_0000, 0xBDAF_068B_F167_7234],
    [0x3FF5_AB07_E000_0000, 0xBE45_BD5E_B539_B67F],
    [0x3FF5_BA11_F800_0000, 0x3E4D_43D0_1491_0BD6],
    [0x3FF5_C926_8800_0000, 0x3E42_CA35_B80E_258E],
    [0x3FF5_D845_9000_0000, 0x3E23_3172_5194_AC2C],
    [0x3FF5_E76F_1800_0000, 0xBE42_96F5_BC8B_20DA],
    [0x3FF5_F6A3_2000_0000, 0x3E2B_9D6E_1985_4887],
    [0x3FF6_05E1_B800_0000, 0x3E37_6DC0_8B07_6F59],
    [0x3FF6_152A_E800_0000, 0xBE33_2090_B86D_306D],
    [0x3FF6_247E_B000_0000, 0x3E0D_2AC2_58F8_7D03],
    [0x3FF6_33DD_2000_0000, 0xBE47_36B0_14F7_1DE8],
    [0x3FF6_4346_3800_0000, 0xBE49_99E7_01C4_83C7],
    [0x3FF6_52BA_0000_0000, 0xBE34_3704_96B8_F572],
    [0x3FF6_6238_8000_0000, 0x3E42_A911_2489_3ECF],
    [0x3FF6_71C1_C800_0000, 0xBE2E_F981_47A1_CC96],
    [0x3FF6_8155_D800_0000, 0xBE4D_9AB4_67BF_1D47],
    [0x3FF6_90F4_B000_0000, 0x3E39_E953_8300_97B3],
    [0x3FF6_A09E_6800_0000, 0xBE38_0C43_36F7_4D05],
    [0x3FF6_B052_F800_0000, 0x3E43_A8B9_F0D1_C7A9],
    [0x3FF6_C012_7800_0000, 0xBE47_A12A_0894_4AB3],
    [0x3FF6_CFDC_E000_0000, 0xBE41_5C4D_D470_AAC9],
    [0x3FF6_DFB2_4000_0000, 0xBE4C_D72E_886E_F8EA],
    [0x3FF6_EF92_9800_0000, 0x3E16_4EB9_2F46_8B62],
    [0x3FF6_FF7D_F800_0000, 0x3E35_1948_3CF8_7E1B],
    [0x3FF7_0F74_6800_0000, 0xBE30_BD17_8F98_A6ED],
    [0x3FF7_1F75_E800_0000, 0x3E2D_8BEE_7BA4_6E1E],
    [0x3FF7_2F82_8800_0000, 0xBE31_52F7_6482_A80B],
    [0x3FF7_3F9A_4800_0000, 0x3E24_B02E_77AB_934A],
    [0x3FF7_4FBD_3800_0000, 0xBE41_41A0_15F7_0054],
    [0x3FF7_5FEB_5800_0000, 0xBE3B_D983_7409_1656],
    [0x3FF7_7024_B000_0000, 0x3E3A_B6E0_96DE_1DC6],
    [0x3FF7_8069_5000_0000, 0xBE00_D160_4F32_8FEC],
    [0x3FF7_90B9_3800_0000, 0x3E25_839E_C9A4_D431],
    [0x3FF7_A114_7000_0000, 0x3E4F_580C_36BE_A881],
    [0x3FF7_B17B_0800_0000, 0x3E37_6CFD_A905_129F],
    [0x3FF7_C1ED_0000_0000, 0x3E33_0C13_27C4_9334],
    [0x3FF7_D26A_6000_0000, 0x3E47_FC37_8237_BB7F],
    [0x3FF7_E2F3_3800_0000, 0xBE33_0B19_DEFA_2FD4],
    [0x3FF7_F387_8800_0000, 0xBE4B_71DB_7907_F11D],
    [0x3FF8_0427_5800_0000, 0xBE4E_0F2F_724F_90CC],
    [0x3FF8_14D2_B000_0000, 0xBE41_77C9_3573_791E],
    [0x3FF8_2589_9800_0000, 0x3E34_CCE1_28AC_F88B],
    [0x3FF8_364C_2000_0000, 0xBE34_6BE0_8999_1974],
    [0x3FF8_471A_4800_0000, 0xBE3D_C385_331A_D094],
    [0x3FF8_57F4_1800_0000, 0xBE18_2937_C1BA_7490],
    [0x3FF8_68D9_9800_0000, 0x3E4A_2497_6407_20ED],
    [0x3FF8_79CA_D800_0000, 0x3E33_1A43_62BA_5AFA],
    [0x3FF8_8AC7_D800_0000, 0x3E38_A669_9665_30BD],
    [0x3FF8_9BD0_A800_0000, 0xBE4C_3D3F_8455_8D57],
    [0x3FF8_ACE5_4000_0000, 0x3E41_5506_DADD_3E2B],
    [0x3FF8_BE05_B800_0000, 0x3E46_B0BB_C3D9_6BE0],
    [0x3FF8_CF32_1800_0000, 0xBE34_ABB7_410D_55E3],
    [0x3FF8_E06A_6000_0000, 0xBE3F_7992_75C4_529C],
    [0x3FF8_F1AE_9800_0000, 0x3E31_5773_62B9_8274],
    [0x3FF9_02FE_D000_0000, 0x3E04_1645_2B25_950C],
    [0x3FF9_145B_0800_0000, 0x3E4C_8FFE_2C45_30DA],
    [0x3FF9_25C3_5000_0000, 0x3E4D_517F_0ECB_AA06],
    [0x3FF9_3737_B000_0000, 0x3E29_B8BC_9E8A_0388],
    [0x3FF9_48B8_2800_0000, 0x3E4A_FCC7_2623_C298],
    [0x3FF9_5A44_C800_0000, 0x3E4E_4290_774D_A41B],
    [0x3FF9_6BDD_9800_0000, 0x3E43_B385_97C8_B4D3],
    [0x3FF9_7D82_A000_0000, 0xBE00_D8D8_3A30_B6F8],
    [0x3FF9_8F33_E800_0000, 0xBE4C_2EEA_EF1A_A12B],
    [0x3FF9_A0F1_7000_0000, 0x3E29_40F7_3746_2137],
    [0x3FF9_B2BB_5000_0000, 0xBE45_600F_9BBB_09CA],
    [0x3FF9_C491_8000_0000, 0x3E45_1F84_80E3_E236],
    [0x3FF9_D674_1800_0000, 0x3E34_BB8D_4ABA_5057],
    [0x3FF9_E863_1800_0000, 0x3E3E_3232_3182_4CA8],
    [0x3FF9_FA5E_9000_0000, 0xBE47_C06B_114A_9CEB],
    [0x3FFA_0C66_7800_0000, 0x3E4A_EF2B_2594_D6D4],
    [0x3FFA_1E7A_F000_0000, 0xBE43_8A3A_2473_3CE2],
    [0x3FFA_309B_F000_0000, 0xBE4D_AE96_6539_F470],
    [0x3FFA_42C9_8000_0000, 0x3E11_82B5_E558_7FA7],
    [0x3FFA_5503_B000_0000, 0x3E41_F12A_E45A_1225],
    [0x3FFA_674A_8800_0000, 0x3E47_A302_9054_3D59],
    [0x3FFA_799E_1000_0000, 0x3E49_859A_C379_6FD9],
    [0x3FFA_8BFE_5000_0000, 0x3E4E_0972_C560_F30A],
    [0x3FFA_9E6B_5800_0000, 0xBE44_3012_05E0_A6DE],
    [0x3FFA_B0E5_2000_0000, 0x3E33_56EB_A313_863B],
    [0x3FFA_C36B_C000_0000, 0xBE06_0643_1F92_34CB],
    [0x3FFA_D5FF_3800_0000, 0x3E41_E13B_A2FD_E777],
    [0x3FFA_E89F_9800_0000, 0x3E35_AD3A_D5E8_734D],
    [0x3FFA_FB4C_E800_0000, 0xBE3D_D0D0_152C_BF04],
    [0x3FFB_0E07_2800_0000, 0x3E38_DB66_5908_42AD],
    [0x3FFB_20CE_7000_0000, 0xBE4B_2BB5_6D64_5FB7],
    [0x3FFB_33A2_B800_0000, 0x3E13_C57E_BDAF_F43A],
    [0x3FFB_4684_1800_0000, 0xBE42_45B2_78FB_B1EF],
    [0x3FFB_5972_9000_0000, 0xBE40_D536_338E_3BF7],
    [0x3FFB_6C6E_2800_0000, 0x3E3F_1C52_A4AA_3CD5],
    [0x3FFB_7F76_F000_0000, 0x3E47_DAF2_3755_3D84],
    [0x3FFB_928C_F000_0000, 0x3E41_3A4F_1C91_BD35],
    [0x3FFB_A5B0_3000_0000, 0x3E24_20C9_3081_9679],
    [0x3FFB_B8E0_B800_0000, 0xBE19_6438_407D_4B47],
    [0x3FFB_CC1E_9000_0000, 0x3E12_F074_891E_E83D],
    [0x3FFB_DF69_C000_0000, 0x3E4F_9D10_37F1_ECEE],
    [0x3FFB_F2C2_5800_0000, 0x3E4E_B8F0_4420_46B8],
    [0x3FFC_0628_6000_0000, 0x3E34_1B33_CC4E_B4AC],
    [0x3FFC_199B_E000_0000, 0xBE43_D56B_1EEE_F9A7],
    [0x3FFC_2D1C_D800_0000, 0x3E3F_A652_BA46_BA7A],
    [0x3FFC_40AB_6000_0000, 0xBD87_C2C9_7590_3EF8],
    [0x3FFC_5447_7800_0000, 0x3E2F_5F64_4897_8392],
    [0x3FFC_67F1_3000_0000, 0xBE3A_82EB_4B5D_EC80],
    [0x3FFC_7BA8_8800_0000, 0x3E38_8C93_2C31_2888],
    [0x3FFC_8F6D_9800_0000, 0xBE4F_C8C2_5772_9A1E],
    [0x3FFC_A340_5800_0000, 0xBE25_C764_A5FC_AFB4],
    [0x3FFC_B720_E000_0000, 0xBE48_837C_B757_E1A1],
    [0x3FFC_CB0F_3000_0000, 0xBE39_2E98_B1D2_20F8],
    [0x3FFC_DF0B_5800_0000, 0xBE45_11E0_31DD_83B5],
    [0x3FFC_F315_5800_0000, 0x3E4A_DD5B_9CBE_E2C9],
    [0x3FFD_072D_4800_0000, 0x3E40_3C4B_DC68_7918],
    [0x3FFD_1B53_2800_0000, 0x3E48_464B_42AA_C6C4],
    [0x3FFD_2F87_0800_0000, 0x3DEB_13E3_15BC_2473],
    [0x3FFD_43C8_E800_0000, 0x3E46_550E_B27B_6A78],
    [0x3FFD_5818_E000_0000, 0xBE48_22DB_C6D1_2FD3],
    [0x3FFD_6C76_E800_0000, 0x3E18_B9B4_C1FE_87A5],
    [0x3FFD_80E3_1800_0000, 0xBE33_67C6_8447_B063],
    [0x3FFD_955D_7000_0000, 0x3E3F_F607_5681_4B6F],
    [0x3FFD_A9E6_0000_0000, 0x3E4E_D994_2B84_600D],
    [0x3FFD_BE7C_D800_0000, 0xBE3C_57CE_B6DD_BC65],
    [0x3FFD_D321_F000_0000, 0x3E48_0DA3_025B_4AEF],
    [0x3FFD_E7D5_6800_0000, 0xBE4F_1FCD_4394_AA52],
    [0x3FFD_FC97_3000_0000, 0x3E4B_DCDA_F5CB_4656],
    [0x3FFE_1167_6800_0000, 0x3E48_CBE8_B76A_56B2],
    [0x3FFE_2646_1800_0000, 0xBE48_52F6_BAF6_C4F0],
    [0x3FFE_3B33_3800_0000, 0x3E48_B770_8CC1_6B7A],
    [0x3FFE_502E_E800_0000, 0xBE1D_3002_7630_BB40],
    [0x3FFE_6539_2800_0000, 0xBE4C_C494_5163_FF87],
    [0x3FFE_7A51_F800_0000, 0x3E4E_3A64_1A5A_A459],
    [0x3FFE_8F79_7800_0000, 0xBE09_2460_2211_2901],
    [0x3FFE_A4AF_A000_0000, 0x3E45_2486_CC2C_7B9D],
    [0x3FFE_B9F4_8800_0000, 0xBE38_3359_1ADF_3437],
    [0x3FFE_CF48_3000_0000, 0xBE43_8CC0_7B92_7E77],
    [0x3FFE_E4AA_A000_0000, 0x3E40_C428_8238_D1B5],
    [0x3FFE_FA1B_F000_0000, 0xBE39_EA5D_888E_02DE],
    [0x3FFF_0F9C_2000_0000, 0xBE4A_4DF6_B264_400D],
    [0x3FFF_252B_3800_0000, 0xBE22_88AD_162F_2D20],
    [0x3FFF_3AC9_4800_0000, 0x3E2B_AE4E_7CD4_B4B8],
    [0x3FFF_5076_5800_0000, 0x3E4B_722A_033A_7C26],
    [0x3FFF_6632_7800_0000, 0x3E38_844F_87E8_DECD],
    [0x3FFF_7BFD_B000_0000, 0xBE43_1A0F_63B7_625A],
    [0x3FFF_91D8_0000_0000, 0x3E41_21E4_47BB_455D],
    [0x3FFF_A7C1_8000_0000, 0x3E39_E90D_82E9_0A7E],
    [0x3FFF_BDBA_3800_0000, 0xBE36_D2AE_C196_7731],
    [0x3FFF_D3C2_2800_0000, 0x3E4C_7B8F_884B_ADD2],
    [0x3FFF_E9D9_6800_0000, 0x3E49_511E_C8A5_301C],
];

/// `e^xc / 2^h = a + b + rest` (module docs, step 4: `a = 2^k hi` and `b = a r_hi` exact,
/// `rest` the small remainder, its roundings below `2^-72 e^xc`), for `xc` in
/// `[MIN_ARG, MAX_ARG]`, with `halve = h << 52`, `h` 0 or 1 (1 only above 700).
#[inline(always)]
pub(crate) fn exp_terms<L: Lanes>(xc: L, halve: L::Bits) -> (L, L, L) {
    let c = L::splat;
    let bits = <L::Bits as BitLanes>::splat;
    let shift = c(SHIFT);
    let t = xc * c(INV_STEP) + shift;
    let nf = t - shift;
    let (r, r_err) = two_sum(xc - nf * c(STEP_HI), c(0.0) - nf * c(STEP_LO));
    let r_hi = L::from_bits(r.to_bits().and(bits(SPLIT_MASK)));
    let r_lo = r - r_hi;
    let r2 = r * r;
    let q = r2 * ((c(Q[0]) + c(Q[1]) * r) + r2 * (c(Q[2]) + c(Q[3]) * r));

    // The index is masked to 0..N (a NaN reads some entry; its result is NaN anyway); `t`'s
    // bits above the index hold k (see `exp.rs`), and 2^k is built in the exponent field.
    let tb = t.to_bits();
    let j = tb.and(bits(N as u64 - 1));
    let hi = L::lookup(j, |j| f64::from_bits(TABLE[j][0]));
    let mid = L::lookup(j, |j| f64::from_bits(TABLE[j][1]));
    let k_field = tb.shr(LOG2_N).shl(52);
    let scale = L::from_bits(k_field.add(bits(BIAS)).sub(halve).and(bits(EXP_MASK)));

    let a = scale * hi;
    let rest = scale * (hi * r_lo + (mid + (mid * r + (hi + mid) * (q + r_err))));
    (a, a * r_hi, rest)
}

/// `(e^xc - 1) / 2^h = hi + lo` before the final rounding (`|lo|` about half an ulp of `hi` at
/// most; module docs, steps 2-4), for `xc` in `[MIN_ARG, MAX_ARG]` (NaN gives NaN), with
/// `one = 2^-h` and `halve = h << 52`, `h` 0 or 1 (1 only above 700). On one lane or two.
#[inline(always)]
pub(super) fn expm1_parts<L: Lanes>(xc: L, one: L, halve: L::Bits) -> (L, L) {
    let (a, b, rest) = exp_terms(xc, halve);
    let (s1, e1) = two_sum(a, L::splat(0.0) - one);
    let (s2, e2) = two_sum(s1, b);
    (s2, (e1 + e2) + rest)
}

/// [`expm1`] on one lane or two, each with `MIN_ARG <= x <= 700` and `x != 0` (the slice loops send
/// the other lanes to the scalar [`expm1`], whose clamps and selects are then no-ops and whose
/// final `* 1.0` is exact): the same bits.
#[inline(always)]
pub(super) fn expm1_fast<L: Lanes>(x: L) -> L {
    let (s2, lo) = expm1_parts(x, L::splat(1.0), BitLanes::splat(0));
    s2 + lo
}

/// Whether [`expm1_fast`] may take `x`: `MIN_ARG <= x <= 700`, `x != 0` (NaN is not).
#[inline(always)]
pub(super) fn is_fast(x: f64) -> bool {
    (MIN_ARG..=700.0).contains(&x) & (x != 0.0)
}

/// `e^x - 1`, within 1 ulp (measured: see [`super::expm1`]); `-1` below about -37.4, `inf`
/// above `709.782712893384`, `±0` for `±0`, NaN for NaN. Branch-free; the same bits on
/// every target.
#[inline]
pub fn expm1(x: f64) -> f64 {
    // Selects, not branches; a NaN compares false and passes through.
    let xc = if x > MAX_ARG { MAX_ARG } else { x };
    let xc = if xc < MIN_ARG { MIN_ARG } else { xc };

    // Near the overflow threshold `k` reaches 1024 (n = 262144 for x = MAX_ARG) and the partial
    // sum `s1 + a r_hi` can round above `f64::MAX` where the whole does not: there everything
    // is computed at half the scale (the 1 too) and doubled at the end, exactly (the result is
    // above 2^1000).
    let big = xc > 700.0;
    let one = if big { 0.5 } else { 1.0 };
    let post = if big { 2.0 } else { 1.0 };
    let halve = if big { 1 << 52 } else { 0 };
    let (s2, lo) = expm1_parts(xc, one, halve);
    let y = (s2 + lo) * post;

    let special = if x > MAX_ARG { f64::INFINITY } else { x };
    if (x > MAX_ARG) | (x == 0.0) {
        special
    } else {
        y
    }
}

#[cfg(test)]
mod tests {
    use super::super::reference::{self, Rng, dd_mul, ulp_error};
    use super::expm1;
    use proptest::prelude::*;

    /// The arguments of the error sweeps, about `7 n` of them: uniform over the range where the
    /// result is neither -1 nor `inf` to the last bit, tiny `|x|` in every binade (both signs),
    /// around 0 where `n` is small (`|x| < 0.1`), near the `n` rounding boundaries
    /// `(m + 1/2) ln 2 / 256`, near the overflow threshold, in `[-40, -30]`, and `[-2, 2]`.
    fn sweep(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = Rng(seed);
        let mut xs = Vec::with_capacity(7 * n + 1000);
        for _ in 0..n {
            xs.push(rng.uniform(-40.0, 709.78));
            xs.push(rng.tiny());
            xs.push(rng.uniform(-0.1, 0.1));
            let m = f64::from((rng.next() % 4000) as i32 - 2000);
            let b = (m + 0.5) * core::f64::consts::LN_2 / 256.0;
            let off = (rng.next() % 64) as i64 - 32;
            xs.push(f64::from_bits((b.to_bits() as i64 + off) as u64));
            xs.push(rng.uniform(700.0, 709.78));
            xs.push(rng.uniform(-40.0, -30.0));
            xs.push(rng.uniform(-2.0, 2.0));
        }
        xs.extend((-40..=709).map(f64::from));
        xs.retain(|&x| x != 0.0 && (-45.0..=709.78).contains(&x));
        xs
    }

    fn max_ulp_error(xs: &[f64]) -> (f64, f64) {
        let mut worst = (0.0, f64::NAN);
        for &x in xs {
            let y = expm1(x);
            assert!(y.is_finite(), "expm1({x:e}) = {y}");
            let e = ulp_error(y, reference::exp_m1(x));
            if e > worst.0 {
                worst = (e, x);
            }
        }
        worst
    }

    /// The derived bound (module docs): 0.5 ulp for the final rounding plus 0.01.
    const BOUND: f64 = 0.51;

    #[test]
    fn table_is_exact() {
        // (hi + mid)^N = 2^j within 2^-71 relative (8 double-double squarings, good to about
        // 2^-100; mid's own rounding is below 2^-80), hi has 26 significant bits and
        // |mid| < 2^-26.
        for (j, &[hi, mid]) in super::TABLE.iter().enumerate() {
            let (hi, mid) = (f64::from_bits(hi), f64::from_bits(mid));
            assert!((1.0..2.0).contains(&hi), "TABLE[{j}]");
            assert_eq!(hi.to_bits() & ((1 << 27) - 1), 0, "TABLE[{j}]");
            assert!(mid.abs() <= 2f64.powi(-26), "TABLE[{j}]");
            // Normalised first: the double-double product drops mid^2 otherwise.
            let mut v = reference::two_sum(hi, mid);
            for _ in 0..super::LOG2_N {
                v = dd_mul(v, v);
            }
            let two_j = 2f64.powi(j as i32);
            let rel = ((v.0 - two_j) + v.1).abs() / two_j;
            assert!(
                rel < 2f64.powi(-71),
                "TABLE[{j}]: (hi + mid)^N = 2^{j} (1 + {rel:e})"
            );
        }
    }

    #[test]
    fn reference_agrees_with_libm() {
        for x in sweep(2_000, 7) {
            let e = ulp_error(x.exp_m1(), reference::exp_m1(x));
            assert!(e <= 1.0, "libm exp_m1({x:e}) is {e} ulp from the reference");
        }
    }

    #[test]
    fn max_ulp_error_sweep() {
        // About 7 * 10^5 arguments; the large sweep below runs 1.4 * 10^7.
        let (e, x) = max_ulp_error(&sweep(100_000, 1));
        assert!(e < BOUND, "expm1({x:e}) is {e} ulp off");
    }

    /// About 1.4 * 10^7 arguments; run with
    /// `cargo test --release -p fastmath-core expm1::tests::max_ulp_error_large -- --ignored --nocapture`.
    #[test]
    #[ignore = "slow: a measurement, run by hand"]
    fn max_ulp_error_large_sweep() {
        let xs = sweep(2_000_000, 2);
        let (e, x) = max_ulp_error(&xs);
        println!(
            "expm1: max error {e} ulp at x = {x:e} ({:#x}) over {} arguments",
            x.to_bits(),
            xs.len()
        );
        assert!(e < BOUND, "expm1({x:e}) is {e} ulp off");
    }

    #[test]
    fn within_one_ulp_of_libm() {
        for x in sweep(20_000, 3) {
            let (a, b) = (expm1(x), x.exp_m1());
            let dist = (a.to_bits() as i64 - b.to_bits() as i64).abs();
            assert!(dist <= 1, "expm1({x:e}): {a:e} vs libm {b:e}");
        }
    }

    #[test]
    fn special_values_are_exact() {
        assert_eq!(expm1(0.0).to_bits(), 0f64.to_bits());
        assert_eq!(expm1(-0.0).to_bits(), (-0f64).to_bits());
        assert_eq!(expm1(f64::INFINITY), f64::INFINITY);
        assert_eq!(expm1(f64::NEG_INFINITY), -1.0);
        assert!(expm1(f64::NAN).is_nan());
        assert!(expm1(-f64::NAN).is_nan());
        assert_eq!(expm1(f64::MAX), f64::INFINITY);
        assert_eq!(expm1(f64::MIN), -1.0);
        assert_eq!(expm1(-38.0), -1.0);
        assert!(expm1(-37.0) > -1.0);
        assert_eq!(expm1(core::f64::consts::LN_2), 1.0);
        for x in [
            5e-324,
            -5e-324,
            1e-300,
            -1e-300,
            1e-20,
            -1e-20,
            f64::MIN_POSITIVE,
        ] {
            assert_eq!(expm1(x), x);
        }
        // The overflow threshold: the largest x with a finite e^x still gives a finite result.
        let last = super::MAX_ARG;
        assert!(expm1(last).is_finite() && expm1(last) > 1.79e308);
        assert_eq!(expm1(last.next_up()), f64::INFINITY);
    }

    #[test]
    fn slice_kernels_give_the_scalar_bits() {
        reference::check_lanes(&sweep(2_000, 5), super::is_fast, super::expm1_fast, expm1);
        reference::check_slice_kernels(
            &sweep(2_000, 4),
            expm1,
            super::super::expm1_into,
            super::super::expm1_in_place,
            reference::NanBits::Strict,
        );
    }

    /// A fingerprint of `expm1` over 10^5 arguments: even ones uniform in `[-50, 750)`, odd
    /// ones random bit patterns. Pinned as for `log` (see `log.rs`), and the same number comes
    /// from the native Pyodide wheel. In Python: `z` from splitmix64 seeded 12345,
    /// `x = -50 + 800 * ((z >> 11) * 2**-53)` for even `i`, else the bits of `z`; FNV-1a over
    /// the result bits.
    #[test]
    fn bits_fingerprint() {
        let mut rng = Rng(12345);
        let xs: Vec<f64> = (0..100_000)
            .map(|i| {
                let z = rng.next();
                if i % 2 == 0 {
                    -50.0 + 800.0 * ((z >> 11) as f64 * (1.0 / (1u64 << 53) as f64))
                } else {
                    f64::from_bits(z)
                }
            })
            .collect();
        let mut out = vec![0.0; xs.len()];
        super::super::expm1_into(&xs, &mut out).unwrap();
        for (&x, &y) in xs.iter().zip(&out) {
            let scalar = expm1(x);
            assert!(y.to_bits() == scalar.to_bits() || (y.is_nan() && scalar.is_nan()));
        }
        let h = reference::fnv1a(&out);
        assert_eq!(h, 0xC676_4761_8E44_37F2, "fingerprint {h:#018x}");
    }

    proptest! {
        #[test]
        fn within_bound(x in -45.0f64..709.78) {
            prop_assume!(x != 0.0);
            prop_assert!(ulp_error(expm1(x), reference::exp_m1(x)) < BOUND);
        }

        #[test]
        fn small(x in -0.2f64..0.2) {
            prop_assume!(x != 0.0);
            prop_assert!(ulp_error(expm1(x), reference::exp_m1(x)) < BOUND);
        }
    }
}
