//! `e^x` for `f64` in portable, branch-free Rust.
//!
//! Why not `f64::exp`: that is a call into the platform's libm per element (in the Pyodide build
//! a call to the `exp` the extension imports from Pyodide's Emscripten libc), which no compiler
//! can vectorise, and whose last bit differs between platforms. This one is plain `f64`/`u64`
//! arithmetic and one table lookup, and it returns the same bits on every IEEE-754 target.
//! (Measured: rustc 1.95 keeps the slice loop scalar for wasm32 +simd128, unrolled by four;
//! the lookup is a gather LLVM does not vectorise there. `log`'s, `expm1`'s and the others'
//! loops run two lanes per instruction by hand, `elementwise/lanes.rs`.)
//!
//! # Algorithm
//!
//! `e^x = 2^k 2^(j/N) e^r` with `N = 256`, `n = N k + j = round(x N / ln 2)`, `0 <= j < N`,
//! `r = x - n ln 2 / N`, `|r| <= ln 2 / 512 = 0.00136`.
//!
//! 1. Clamp `x` to `[-750, 711]` with two selects (NaN passes through both unchanged). Every
//!    result outside that range is 0 or `inf` anyway, and the clamp keeps `|n| < 2^19` and
//!    `-1083 <= k <= 1026`.
//! 2. `n = round(x N / ln 2)` by the magic-add trick: adding `1.5 * 2^52` rounds `x * N/ln 2` to
//!    an integer held in the low mantissa bits of `t` (no float-to-int conversion, which `simd128`
//!    lacks for 64-bit lanes). `|x N / ln 2 - n| <= 1/2 + 2^-33`.
//! 3. Reduction `r = (x - n STEP_HI) - n STEP_LO`, `STEP_HI + STEP_LO = ln 2 / N` to 2^-88
//!    relative. `STEP_HI` has 33 significant bits, so `n STEP_HI` is exact, and so is
//!    `x - n STEP_HI`: for `n != 0` both terms are multiples of the ulp of `ln 2 / 512`'s binade
//!    (`|x| >= ln 2 / 512` within `2^-32`, and that is not near a power of two) and their
//!    difference is below twice that binade's bottom. The one rounding is the last subtraction:
//!    `r` is within `2^-53 |r| < 2^-62.5` of `x - n ln 2 / N` (the rest is below `2^-75`).
//! 4. `e^r - 1 ~= p = r + r^2 Q(r)`, `Q` of degree 3 (so `p` of degree 5), approximation error
//!    below `2^-69.5`; rounding errors in `p` below `2^-62.4` (all but the last addition act on
//!    terms below `r^2/2 < 2^-20`).
//! 5. `2^(j/N) = hi + lo` from the table (`hi` correctly rounded, `lo` its correction, so the
//!    pair is good to `2^-106`), and `y = hi + (lo + hi p)`: the small part is below
//!    `0.0014 hi`, so its own rounding errors, those of `hi p`, and the dropped `lo p` are each
//!    below `2^-62.5` relative. In all, before the final addition's rounding `y` is within about
//!    `5 * 2^-62.5 = 2^-60.2` relative, i.e. `2^-7.2 < 0.0071` ulp (`y` is in `[0.9986, 2)`
//!    and an ulp is at least `2^-53 y`) of `2^(j/N) e^r`: the result is within 0.508 ulp.
//! 6. Scale by `2^k` as `(y * 2^k1) * 2^k2` with `k1 = floor(k / 2)`, `k2 = k - k1`, both powers
//!    of two built with integer operations on the exponent field. The first product is always
//!    exact and normal, so the second is the only rounding: overflow gives `inf` exactly when IEEE
//!    rounding says so, and results below 2^-1022 come out as correctly scaled subnormals, down to
//!    0 below about -745.13. Those are rounded twice (to 53 bits in `y`, then to the subnormal
//!    grid, at least twice as coarse): within 0.5 + 0.508 / 2 = 0.754 ulp.
//!
//! Measured against a double-double reference over 6 * 10^7 arguments (uniform over the range
//! and dense near 0, near the overflow and underflow thresholds, over the subnormal results and
//! at the `k` rounding boundaries; `max_ulp_error_large_sweep` in the tests): at most 0.5036 ulp
//! for normal results and 0.7504 ulp for subnormal ones.
//!
//! Compared with the previous kernel (Cody-Waite to `|r| <= ln 2 / 2`, degree-12 polynomial by
//! Estrin, double-double `1 + r`, 0.586 ulp), this one does about half the floating-point work
//! per element (25 operations instead of 46, counting the clamp's compares and selects). The
//! lookup costs, per `f64x2`, two lane extracts and four 64-bit lane loads
//! (`v128.load64_zero`/`v128.load64_lane`: `hi` and `lo` are each gathered into a vector). On
//! 10^6 doubles: 4.1 -> 2.8 ms in wasm (node, `+simd128`), 4.0 -> 2.7 ms on x86-64, at 0.504
//! instead of 0.586 ulp.
//!
//! # Constants
//!
//! The table is generated exactly, in integer arithmetic (Python 3.8+), by
//!
//! ```text
//! from fractions import Fraction
//! from math import isqrt
//! for j in range(256):
//!     v = 1 << (j + 200 * 256)
//!     for _ in range(8):
//!         v = isqrt(v)                        # v = floor(2^(j/256) * 2^200), exactly
//!     hi = round(Fraction(v, 1 << 148)) / 2**52   # 2^(j/256) to nearest (53 bits; no ties)
//!     lo = float(Fraction(v, 1 << 200) - Fraction(hi))  # the rest, to nearest
//! ```
//!
//! and `table_is_exact` in the tests re-checks every entry independently: `(hi + lo)^256 = 2^j`
//! in double-double and `|lo| < ulp(hi) / 2`.
//!
//! `Q` is the Chebyshev economisation, in exact rational arithmetic, of the Taylor series of
//! `(e^r - 1 - r) / r^2 = sum r^j / (j + 2)!` on `|r| <= ln 2 / 512 * (1 + 10^-6)`, truncated
//! to degree 3 and rounded to `f64`: `r^2 |Q(r) - (e^r - 1 - r) / r^2| < 1.2e-21 = 2^-69.5`
//! (checked on a grid, with the rounded coefficients, in exact arithmetic).
//!
//! # Why no FMA
//!
//! Rust never contracts `a * b + c` into a fused multiply-add, and this code uses none: the wasm
//! `simd128` instruction set has no fused `f64x2` multiply-add (only relaxed-simd's, whose
//! fusing is up to the engine), and x86-64's baseline has none either. With only correctly
//! rounded `+ - * ` and bit operations, the result is bit-for-bit the same on the host, in
//! Pyodide (wasm32-unknown-emscripten) and in the universal build (wasm32-unknown-unknown), and
//! the same for the scalar function and the vectorised slice loops (checked: `bits_fingerprint`
//! in the tests). NaN inputs give a NaN (whose payload, as always for NaNs, may differ).

use core::f64::consts::LOG2_E;

/// The table size: `e^x = 2^k 2^(j/N) e^r` with `j` in `0..N`.
const N: usize = 256;
const LOG2_N: u32 = N.trailing_zeros();
/// `1.5 * 2^52`: `v + SHIFT` for `|v| < 2^51` rounds `v` to the nearest integer (ties to even),
/// stored in the low bits of the mantissa.
const SHIFT: f64 = 6_755_399_441_055_744.0;
/// `N / ln 2` (a power of two times `log2(e)`, so as accurate as `LOG2_E`).
const INV_STEP: f64 = N as f64 * LOG2_E;
/// `ln 2 / N` in two parts: `ln 2` with its low 20 mantissa bits cleared (33 significant bits,
/// so `n * STEP_HI` is exact for `|n| < 2^20`), over `N`; and what is left, rounded (off by
/// `1.3e-27 / N`).
const STEP_HI: f64 = f64::from_bits(0x3FE6_2E42_FEF0_0000) / N as f64;
const STEP_LO: f64 = f64::from_bits(0x3DD4_73DE_6AF2_78ED) / N as f64;
/// The exponent field of 1.0, and the mask of the exponent field.
const BIAS: u64 = 1023 << 52;
const EXP_MASK: u64 = 0x7FF << 52;
/// `e^711` overflows and the clamp keeps `k <= 1026`.
const MAX_ARG: f64 = 711.0;
/// `e^-750` is below half the smallest subnormal and the clamp keeps `k >= -1083`.
const MIN_ARG: f64 = -750.0;

/// `Q(r) ~= (e^r - 1 - r) / r^2` on `|r| <= ln 2 / 512`, lowest degree first (see the module
/// docs; close to, but not, the Taylor coefficients `1 / (j + 2)!`).
const Q: [f64; 4] = [
    f64::from_bits(0x3FDF_FFFF_FFFF_FFF5), // 0.4999999999999994
    f64::from_bits(0x3FC5_5555_5555_554E), // 0.16666666666666646
    f64::from_bits(0x3FA5_5555_6B33_072D), // 0.0416666692122035
    f64::from_bits(0x3F81_1111_20AF_6B85), // 0.00833333378789348
];

/// `TABLE[j] = [hi, lo]` (as bits): `hi` is `2^(j / N)` rounded to the nearest `f64`, `lo` is
/// `2^(j / N) - hi` rounded to the nearest `f64`. Generated exactly, in integer arithmetic (see
/// the module docs); `table_is_exact` in the tests checks every entry independently.
static TABLE: [[u64; 2]; N] = [
    [0x3FF0_0000_0000_0000, 0x0000_0000_0000_0000],
    [0x3FF0_0B1A_FA5A_BCBF, 0xBC84_F6B2_A760_9F71],
    [0x3FF0_163D_A9FB_3335, 0x3C9B_6129_9AB8_CDB7],
    [0x3FF0_2168_143B_0281, 0xBC82_BF31_0FC5_4EB6],
    [0x3FF0_2C9A_3E77_8061, 0xBC71_9083_535B_085D],
    [0x3FF0_37D4_2E11_BBCC, 0x3C65_6811_EEAD_E11A],
    [0x3FF0_4315_E86E_7F85, 0xBC90_A31C_1977_C96E],
    [0x3FF0_4E5F_72F6_54B1, 0x3C84_C379_3AA0_D08D],
    [0x3FF0_59B0_D315_8574, 0x3C8D_73E2_A475_B465],
    [0x3FF0_650A_0E3C_1F89, 0xBC95_CB7B_5799_C397],
    [0x3FF0_706B_29DD_F6DE, 0xBC8C_91DF_E2B1_3C27],
    [0x3FF0_7BD4_2B72_A836, 0x3C83_2334_5445_8700],
    [0x3FF0_8745_1875_9BC8, 0x3C61_86BE_4BB2_84FF],
    [0x3FF0_92BD_F666_07E0, 0xBC96_8063_800A_3FD1],
    [0x3FF0_9E3E_CAC6_F383, 0x3C91_4878_1831_6136],
    [0x3FF0_A9C7_9B1F_3919, 0x3C85_D16C_873D_1D38],
    [0x3FF0_B558_6CF9_890F, 0x3C98_A62E_4ADC_610B],
    [0x3FF0_C0F1_45E4_6C85, 0x3C94_F989_06D2_1CEF],
    [0x3FF0_CC92_2B72_47F7, 0x3C90_1EDC_16E2_4F71],
    [0x3FF0_D83B_2339_5DEC, 0xBC9B_C14D_E43F_316A],
    [0x3FF0_E3EC_32D3_D1A2, 0x3C40_3A17_27C5_7B53],
    [0x3FF0_EFA5_5FDF_A9C5, 0xBC94_9DB9_BC54_021B],
    [0x3FF0_FB66_AFFE_D31B, 0xBC6B_9BED_C44E_BD7B],
    [0x3FF1_0730_28D7_233E, 0x3C8D_46EB_1692_FDD5],
    [0x3FF1_1301_D012_5B51, 0xBC96_C510_3944_9B3A],
    [0x3FF1_1EDB_AB5E_2AB6, 0xBC9C_A454_F703_FB72],
    [0x3FF1_2ABD_C06C_31CC, 0xBC51_B514_B36C_A5C7],
    [0x3FF1_36A8_14F2_04AB, 0xBC67_108F_BA48_DCF0],
    [0x3FF1_429A_AEA9_2DE0, 0xBC93_2FBF_9AF1_369E],
    [0x3FF1_4E95_934F_312E, 0xBC8B_91E8_39BF_44AB],
    [0x3FF1_5A98_C8A5_8E51, 0x3C82_406A_B9EE_AB0A],
    [0x3FF1_66A4_5471_C3C2, 0x3C58_F23B_82EA_1A32],
    [0x3FF1_72B8_3C7D_517B, 0xBC81_9041_B9D7_8A76],
    [0x3FF1_7ED4_8695_BBC0, 0x3C70_9E3F_E2AC_5A64],
    [0x3FF1_8AF9_388C_8DEA, 0xBC91_1023_D197_0F6C],
    [0x3FF1_9726_5837_5D2F, 0x3C94_AADD_85F1_7E08],
    [0x3FF1_A35B_EB6F_CB75, 0x3C8E_5B4C_7B49_68E4],
    [0x3FF1_AF99_F813_8A1C, 0x3C97_BF85_A4B6_9280],
    [0x3FF1_BBE0_8404_5CD4, 0xBC99_5386_352E_F607],
    [0x3FF1_C82F_9528_1C6B, 0x3C90_0977_8010_F8C9],
    [0x3FF1_D487_3168_B9AA, 0x3C9E_016E_00A2_643C],
    [0x3FF1_E0E7_5EB4_4027, 0xBC96_FDD8_088C_B6DE],
    [0x3FF1_ED50_22FC_D91D, 0xBC91_DF98_027B_B78C],
    [0x3FF1_F9C1_8438_CE4D, 0xBC9B_F524_A097_AF5C],
    [0x3FF2_063B_8862_8CD6, 0x3C8D_C775_814A_8495],
    [0x3FF2_12BE_3578_A819, 0x3C93_592D_2CFC_AAC9],
    [0x3FF2_1F49_917D_DC96, 0x3C82_A97E_9494_A5EE],
    [0x3FF2_2BDD_A279_12D1, 0x3C8D_34FB_5577_D69F],
    [0x3FF2_387A_6E75_6238, 0x3C99_B07E_B6C7_0573],
    [0x3FF2_451F_FB82_140A, 0x3C8A_CFCC_911C_A996],
    [0x3FF2_51CE_4FB2_A63F, 0x3C8A_C155_BEF4_F4A4],
    [0x3FF2_5E85_711E_CE75, 0x3C93_E1A2_4AC3_1B2C],
    [0x3FF2_6B45_65E2_7CDD, 0x3C82_BD33_9940_E9D9],
    [0x3FF2_780E_341D_DF29, 0x3C9E_067C_05F9_E76C],
    [0x3FF2_84DF_E1F5_6381, 0xBC9A_4C3A_8C3F_0D7E],
    [0x3FF2_91BA_7591_BB70, 0xBC82_CC72_2840_1CBD],
    [0x3FF2_9E9D_F51F_DEE1, 0x3C86_12E8_AFAD_1255],
    [0x3FF2_AB8A_66D1_0F13, 0xBC99_5743_1916_90A7],
    [0x3FF2_B87F_D0DA_D990, 0xBC41_0ADC_D638_1AA4],
    [0x3FF2_C57E_3977_1B2F, 0xBC95_0145_A6EB_5124],
    [0x3FF2_D285_A6E4_030B, 0x3C90_0247_54DB_41D5],
    [0x3FF2_DF96_1F64_1589, 0x3C9D_16CF_FBBC_E198],
    [0x3FF2_ECAF_A93E_2F56, 0x3C71_CA0F_45D5_2383],
    [0x3FF2_F9D2_4ABD_886B, 0xBC65_3C55_532B_DA93],
    [0x3FF3_06FE_0A31_B715, 0x3C86_F46A_D231_82E4],
    [0x3FF3_1432_EDEE_B2FD, 0x3C89_59A3_F3F3_FCD1],
    [0x3FF3_2170_FC4C_D831, 0x3C8A_9CE7_8E18_047C],
    [0x3FF3_2EB8_3BA8_EA32, 0xBC9C_45E8_3CB4_F318],
    [0x3FF3_3C08_B264_16FF, 0x3C93_2721_8436_59A6],
    [0x3FF3_4962_66E3_FA2D, 0xBC83_5A75_9308_81A4],
    [0x3FF3_56C5_5F92_9FF1, 0xBC8B_5CEE_5C4E_4628],
    [0x3FF3_6431_A2DE_883B, 0xBC8C_3144_A06C_B85E],
    [0x3FF3_71A7_373A_A9CB, 0xBC96_3AEA_BF42_EAE2],
    [0x3FF3_7F26_231E_754A, 0xBC99_F5CA_9ECE_B23C],
    [0x3FF3_8CAE_6D05_D866, 0xBC9E_958D_3C99_04BD],
    [0x3FF3_9A40_1B71_40EF, 0xBC99_A9A5_FC8E_2934],
    [0x3FF3_A7DB_34E5_9FF7, 0xBC75_E436_D661_F5E3],
    [0x3FF3_B57F_BFEC_6CF4, 0x3C95_4C66_E26F_FF18],
    [0x3FF3_C32D_C313_A8E5, 0xBC9E_FFF8_375D_29C3],
    [0x3FF3_D0E5_44ED_E173, 0x3C7F_E8D0_8C28_4C71],
    [0x3FF3_DEA6_4C12_3422, 0x3C8A_DA09_11F0_9EBC],
    [0x3FF3_EC70_DF1C_5175, 0xBC8A_F663_7B8C_9BCA],
    [0x3FF3_FA45_04AC_801C, 0xBC97_D023_F956_F9F3],
    [0x3FF4_0822_C367_A024, 0x3C8B_DDF8_B6F4_D048],
    [0x3FF4_160A_21F7_2E2A, 0xBC5E_F369_1C30_9278],
    [0x3FF4_23FB_2709_468A, 0xBC98_462D_C0B3_14DD],
    [0x3FF4_31F5_D950_A897, 0xBC81_C7DD_E35F_7999],
    [0x3FF4_3FFA_3F84_B9D4, 0x3C88_80BE_9704_C003],
    [0x3FF4_4E08_6061_892D, 0x3C48_9B7A_04EF_80D0],
    [0x3FF4_5C20_42A7_D232, 0xBC68_6419_82FB_1F8E],
    [0x3FF4_6A41_ED1D_0057, 0x3C9C_944B_D164_8A76],
    [0x3FF4_786D_668B_3237, 0xBC9C_20F0_ED44_5733],
    [0x3FF4_86A2_B5C1_3CD0, 0x3C73_C1A3_B690_62F0],
    [0x3FF4_94E1_E192_AED2, 0xBC83_B289_5E49_9EA0],
    [0x3FF4_A32A_F0D7_D3DE, 0x3C99_CB62_F3D1_BE56],
    [0x3FF4_B17D_EA6D_B7D7, 0xBC81_25B8_7F28_97F0],
    [0x3FF4_BFDA_D536_2A27, 0x3C7D_4397_AFEC_42E2],
    [0x3FF4_CE41_B817_C114, 0x3C90_5E29_690A_BD5D],
    [0x3FF4_DCB2_99FD_DD0D, 0x3C98_ECDB_BC6A_7833],
    [0x3FF4_EB2D_81D8_ABFF, 0xBC95_257D_2E5D_7A52],
    [0x3FF4_F9B2_769D_2CA7, 0xBC94_B309_D259_57E3],
    [0x3FF5_0841_7F45_31EE, 0x3C7A_249B_49B7_465F],
    [0x3FF5_16DA_A2CF_6642, 0xBC8F_7685_69BD_93EF],
    [0x3FF5_257D_E83F_4EEF, 0xBC7C_998D_43EF_EF71],
    [0x3FF5_342B_569D_4F82, 0xBC80_7ABE_1DB1_3CAD],
    [0x3FF5_42E2_F4F6_AD27, 0x3C87_926D_192D_5F7E],
    [0x3FF5_51A4_CA5D_920F, 0xBC8D_689C_EFED_E59B],
    [0x3FF5_6070_DDE9_10D2, 0xBC90_FB6E_168E_EBF0],
    [0x3FF5_6F47_36B5_27DA, 0x3C99_BB2C_011D_93AD],
    [0x3FF5_7E27_DBE2_C4CF, 0xBC90_B98C_8A57_B9C4],
    [0x3FF5_8D12_D497_C7FD, 0x3C82_95E1_5B9A_1DE8],
    [0x3FF5_9C08_27FF_07CC, 0xBC97_E2CE_E467_E60F],
    [0x3FF5_AB07_DD48_5429, 0x3C96_324C_0546_47AD],
    [0x3FF5_BA11_FBA8_7A03, 0xBC9B_77A1_4C23_3E1A],
    [0x3FF5_C926_8A59_46B7, 0x3C3C_4B1B_8169_86A2],
    [0x3FF5_D845_9099_8B93, 0xBC9C_D6A7_A8B4_5643],
    [0x3FF5_E76F_15AD_2148, 0x3C9B_A6F9_3080_E65E],
    [0x3FF5_F6A3_20DC_EB71, 0xBC89_EADD_E3CD_CF92],
    [0x3FF6_05E1_B976_DC09, 0xBC93_E242_9B56_DE47],
    [0x3FF6_152A_E6CD_F6F4, 0x3C9E_4B3E_4AB8_4C27],
    [0x3FF6_247E_B03A_5585, 0xBC93_83C1_7E40_B497],
    [0x3FF6_33DD_1D19_29FD, 0x3C98_4710_BEB9_64E5],
    [0x3FF6_4346_34CC_C320, 0xBC8C_483C_759D_8933],
    [0x3FF6_52B9_FEBC_8FB7, 0xBC9A_E3D5_C9A7_3E09],
    [0x3FF6_6238_8255_2225, 0xBC9B_B609_8759_1C34],
    [0x3FF6_71C1_C708_33F6, 0xBC8E_8732_586C_6134],
    [0x3FF6_8155_D44C_A973, 0x3C60_38AE_44F7_3E65],
    [0x3FF6_90F4_B19E_9538, 0x3C88_04BD_9AEB_445D],
    [0x3FF6_A09E_667F_3BCD, 0xBC9B_DD34_13B2_6456],
    [0x3FF6_B052_FA75_173E, 0x3C7A_38F5_2C9A_9D0E],
    [0x3FF6_C012_750B_DABF, 0xBC72_8956_67FF_0B0D],
    [0x3FF6_CFDC_DDD4_7645, 0x3C9C_7AA9_B6F1_7309],
    [0x3FF6_DFB2_3C65_1A2F, 0xBC6B_BE3A_683C_88AB],
    [0x3FF6_EF92_9859_3AE5, 0xBC90_B974_9E1A_C8B2],
    [0x3FF6_FF7D_F951_9484, 0xBC88_3C0F_2586_0EF6],
    [0x3FF7_0F74_66F4_2E87, 0x3C59_D644_D45A_A65F],
    [0x3FF7_1F75_E8EC_5F74, 0xBC81_6E47_8688_7A99],
    [0x3FF7_2F82_86EA_D08A, 0xBC92_0AA0_2CD6_2C72],
    [0x3FF7_3F9A_48A5_8174, 0xBC90_A8D9_6C65_D53C],
    [0x3FF7_4FBD_35D7_CBFD, 0x3C90_47FD_618A_6E1C],
    [0x3FF7_5FEB_5642_67C9, 0xBC90_2459_5731_6DD3],
    [0x3FF7_7024_B1AB_6E09, 0x3C9B_7877_1691_47F8],
    [0x3FF7_8069_4FDE_5D3F, 0x3C98_66B8_0A02_162D],
    [0x3FF7_90B9_38AC_1CF6, 0x3C93_49A8_62AA_DD3E],
    [0x3FF7_A114_73EB_0187, 0xBC84_1577_EE04_992F],
    [0x3FF7_B17B_0976_CFDB, 0xBC9B_EBB5_8468_DC88],
    [0x3FF7_C1ED_0130_C132, 0x3C9F_124C_D116_4DD6],
    [0x3FF7_D26A_62FF_86F0, 0x3C91_BDDB_FB72_B8B4],
    [0x3FF7_E2F3_36CF_4E62, 0x3C70_5D02_BA15_797E],
    [0x3FF7_F387_8491_C491, 0xBC80_7F11_CF93_11AE],
    [0x3FF8_0427_543E_1A12, 0xBC92_7C86_626D_972B],
    [0x3FF8_14D2_ADD1_06D9, 0x3C94_6437_0D15_1D4D],
    [0x3FF8_2589_994C_CE13, 0xBC9D_4C1D_D415_32D8],
    [0x3FF8_364C_1EB9_41F7, 0x3C99_9B9A_31DF_2BD5],
    [0x3FF8_471A_4623_C7AD, 0xBC88_D684_A341_CDFB],
    [0x3FF8_57F4_179F_5B21, 0xBC5B_A748_F8B2_16D0],
    [0x3FF8_68D9_9B44_92ED, 0xBC9F_C6F8_9BD4_F6BA],
    [0x3FF8_79CA_D931_A436, 0x3C85_D2D7_D2DB_47BD],
    [0x3FF8_8AC7_D98A_6699, 0x3C99_94C2_F37C_B53A],
    [0x3FF8_9BD0_A478_580F, 0x3C9D_5395_4475_202B],
    [0x3FF8_ACE5_422A_A0DB, 0x3C96_E9F1_5686_4B27],
    [0x3FF8_BE05_BAD6_1778, 0x3C9E_CB5E_FC43_446E],
    [0x3FF8_CF32_16B5_448C, 0xBC70_D55E_32E9_E3AA],
    [0x3FF8_E06A_5E08_66D9, 0xBC97_114A_6FC9_B2E6],
    [0x3FF8_F1AE_9915_7736, 0x3C85_CC13_A2E3_976C],
    [0x3FF9_02FE_D028_2C8A, 0x3C95_92CA_85FE_3FD2],
    [0x3FF9_145B_0B91_FFC6, 0xBC9D_D679_2E58_2524],
    [0x3FF9_25C3_53AA_2FE2, 0xBC83_455F_A639_DB7F],
    [0x3FF9_3737_B0CD_C5E5, 0xBC67_5FC7_81B5_7EBC],
    [0x3FF9_48B8_2B5F_98E5, 0xBC8D_C3D6_797D_2D99],
    [0x3FF9_5A44_CBC8_520F, 0xBC76_4B7C_96A5_F039],
    [0x3FF9_6BDD_9A76_70B3, 0xBC5B_A596_7F19_C896],
    [0x3FF9_7D82_9FDE_4E50, 0xBC9D_185B_7C1B_85D1],
    [0x3FF9_8F33_E47A_22A2, 0x3C7C_ABDA_A24C_78ED],
    [0x3FF9_A0F1_70CA_07BA, 0xBC91_73BD_91CE_E632],
    [0x3FF9_B2BB_4D53_FE0D, 0xBC9D_D84E_4DF6_D518],
    [0x3FF9_C491_82A3_F090, 0x3C7C_7C46_B071_F2BE],
    [0x3FF9_D674_194B_B8D5, 0xBC95_16BE_A3DD_8233],
    [0x3FF9_E863_19E3_2323, 0x3C78_24CA_78E6_4C6E],
    [0x3FF9_FA5E_8D07_F29E, 0xBC84_A9CE_AAF1_FACE],
    [0x3FFA_0C66_7B5D_E565, 0xBC93_5949_5D1C_D533],
    [0x3FFA_1E7A_ED8E_B8BB, 0x3C9C_6618_EE8B_E70E],
    [0x3FFA_309B_EC4A_2D33, 0x3C96_305C_7DDC_36AB],
    [0x3FFA_42C9_8046_0AD8, 0xBC9A_A780_589F_B120],
    [0x3FFA_5503_B23E_255D, 0xBC9D_2F6E_DB8D_41E1],
    [0x3FFA_674A_8AF4_6052, 0x3C65_0F56_3067_0366],
    [0x3FFA_799E_1330_B358, 0x3C9B_CB7E_CAC5_63C7],
    [0x3FFA_8BFE_53C1_2E59, 0xBC94_F867_B2BA_15A9],
    [0x3FFA_9E6B_5579_FDBF, 0x3C90_FAC9_0EF7_FD31],
    [0x3FFA_B0E5_2135_6EBA, 0x3C88_9C31_DAE9_4545],
    [0x3FFA_C36B_BFD3_F37A, 0xBC8F_9234_CAE7_6CD0],
    [0x3FFA_D5FF_3A3C_2774, 0x3C97_EF3B_B6B1_B8E5],
    [0x3FFA_E89F_995A_D3AD, 0x3C97_A1CD_345D_CC81],
    [0x3FFA_FB4C_E622_F2FF, 0xBC94_B2FC_0F31_5ECD],
    [0x3FFB_0E07_298D_B666, 0xBC9B_DEF5_4C80_E425],
    [0x3FFB_20CE_6C9A_8952, 0x3C94_DD02_4A07_56CC],
    [0x3FFB_33A2_B84F_15FB, 0xBC62_805E_3084_D708],
    [0x3FFB_4684_15B7_49B1, 0xBC7F_763D_E9DF_7C90],
    [0x3FFB_5972_8DE5_593A, 0xBC9C_71DF_BBBA_6DE3],
    [0x3FFB_6C6E_29F1_C52A, 0x3C92_A8F3_5288_3F6E],
    [0x3FFB_7F76_F2FB_5E47, 0xBC75_584F_7E54_AC3B],
    [0x3FFB_928C_F227_49E4, 0xBC9B_7216_54CB_65C6],
    [0x3FFB_A5B0_30A1_064A, 0xBC9E_FCD3_0E54_292E],
    [0x3FFB_B8E0_B79A_6F1F, 0xBC3F_52D1_C969_6205],
    [0x3FFB_CC1E_904B_C1D2, 0x3C82_3DD0_7A2D_9E84],
    [0x3FFB_DF69_C3F3_A207, 0xBC3C_2623_60EA_5B52],
    [0x3FFB_F2C2_5BD7_1E09, 0xBC9E_FDCA_3F6B_9C73],
    [0x3FFC_0628_6141_B33D, 0xBC8D_8A5A_A1FB_CA34],
    [0x3FFC_199B_DD85_529C, 0x3C81_1065_8950_48DD],
    [0x3FFC_2D1C_D9FA_652C, 0xBC96_E516_17C8_A5D7],
    [0x3FFC_40AB_5FFF_D07A, 0x3C9B_4537_E083_C60A],
    [0x3FFC_5447_78FA_FB22, 0x3C91_2F07_2493_B5AF],
    [0x3FFC_67F1_2E57_D14B, 0x3C92_884D_FF48_3CAD],
    [0x3FFC_7BA8_8988_C933, 0xBC8E_76BB_BE25_5559],
    [0x3FFC_8F6D_9406_E7B5, 0x3C71_ACBC_4880_5C44],
    [0x3FFC_A340_5751_C4DB, 0xBC87_F2BE_D10D_08F5],
    [0x3FFC_B720_DCEF_9069, 0x3C75_03CB_D1E9_49DB],
    [0x3FFC_CB0F_2E6D_1675, 0xBC7D_220F_8600_9093],
    [0x3FFC_DF0B_555D_C3FA, 0xBC8D_D83B_5382_9D72],
    [0x3FFC_F315_5B5B_AB74, 0xBC9A_08E9_B86D_FF57],
    [0x3FFD_072D_4A07_897C, 0xBC9C_BC37_4379_7A9C],
    [0x3FFD_1B53_2B08_C968, 0x3C95_5636_219A_36EE],
    [0x3FFD_2F87_080D_89F2, 0xBC9D_487B_719D_8578],
    [0x3FFD_43C8_EACA_A1D6, 0x3C93_DB53_BF5A_1614],
    [0x3FFD_5818_DCFB_A487, 0x3C82_ED02_D75B_3707],
    [0x3FFD_6C76_E862_E6D3, 0x3C5F_E87A_4A81_65A0],
    [0x3FFD_80E3_16C9_8398, 0xBC91_1EC1_8BED_DFE8],
    [0x3FFD_955D_71FF_6075, 0x3C9A_052D_BB9A_F6BE],
    [0x3FFD_A9E6_03DB_3285, 0x3C9C_2300_696D_B532],
    [0x3FFD_BE7C_D63A_8315, 0xBC9B_76F1_926B_8BE4],
    [0x3FFD_D321_F301_B460, 0x3C92_DA57_78F0_18C3],
    [0x3FFD_E7D5_641C_0658, 0xBC9C_A552_8E79_BA8F],
    [0x3FFD_FC97_337B_9B5F, 0xBC91_A5CD_4F18_4B5C],
    [0x3FFE_1167_6B19_7D17, 0xBC72_B529_BD5C_7F44],
    [0x3FFE_2646_14F5_A129, 0xBC97_B627_817A_1496],
    [0x3FFE_3B33_3B16_EE12, 0xBC99_F4A4_31FD_C68B],
    [0x3FFE_502E_E78B_3FF6, 0x3C83_9E89_80A9_CC8F],
    [0x3FFE_6539_2467_6D76, 0xBC86_3FF8_7522_B735],
    [0x3FFE_7A51_FBC7_4C83, 0x3C92_D522_CA0C_8DE2],
    [0x3FFE_8F79_77CD_B740, 0xBC91_0894_80B0_54B1],
    [0x3FFE_A4AF_A2A4_90DA, 0xBC9E_9C23_179C_2893],
    [0x3FFE_B9F4_867C_CA6E, 0x3C94_832F_2293_E4F2],
    [0x3FFE_CF48_2D8E_67F1, 0xBC9C_93F3_B411_AD8C],
    [0x3FFE_E4AA_A218_8510, 0x3C91_C68D_A487_568D],
    [0x3FFE_FA1B_EE61_5A27, 0x3C9D_C7F4_86A4_B6B0],
    [0x3FFF_0F9C_1CB6_412A, 0xBC93_2200_6518_1D45],
    [0x3FFF_252B_376B_BA97, 0x3C93_A1A5_BF0D_8E43],
    [0x3FFF_3AC9_48DD_7274, 0xBC79_5A5A_3ED8_37DE],
    [0x3FFF_5076_5B6E_4540, 0x3C99_D3E1_2DD8_A18B],
    [0x3FFF_6632_7988_44F8, 0x3C9F_A37B_3539_343E],
    [0x3FFF_7BFD_AD9C_BE14, 0xBC9D_BB12_D006_350A],
    [0x3FFF_91D8_0224_3C89, 0xBC61_2EA8_A779_F689],
    [0x3FFF_A7C1_819E_90D8, 0x3C87_4853_F3A5_931E],
    [0x3FFF_BDBA_3692_D514, 0xBC79_6773_1509_8EB6],
    [0x3FFF_D3C2_2B8F_71F1, 0x3C62_EB74_9665_79E7],
    [0x3FFF_E9D9_6B2A_23D9, 0x3C74_A603_7442_FDE3],
];

/// `e^x`, within 1 ulp of the exact value (measured: see the module docs), with
/// `exp(±0) = 1`, `exp(inf) = inf`, `exp(-inf) = 0`, NaN for NaN; `inf` from
/// `x > 709.782712893384`, subnormal results from about `x < -708.4`, 0 below about `-745.13`.
/// Branch-free; the same bits on every target.
#[inline]
pub fn exp(x: f64) -> f64 {
    // Selects, not branches; a NaN compares false and passes through.
    let x = if x > MAX_ARG { MAX_ARG } else { x };
    let x = if x < MIN_ARG { MIN_ARG } else { x };

    // n = round(x N / ln 2) = N k + j; its low bits are in `t`'s mantissa.
    let t = x * INV_STEP + SHIFT;
    let nf = t - SHIFT; // n as an f64, exactly
    let r = (x - nf * STEP_HI) - nf * STEP_LO;

    // e^r - 1 ~= r + r^2 Q(r), |r| <= ln 2 / 512.
    let r2 = r * r;
    let p = r + r2 * ((Q[0] + Q[1] * r) + r2 * (Q[2] + Q[3] * r));

    // 2^(j/N) e^r = (hi + lo)(1 + p) ~= hi + (lo + hi p): one rounding of a sum whose small part
    // is below 0.0014 hi. The index is masked to 0..N, so the lookup has no bounds check (and a
    // NaN reads some entry: its result is NaN anyway).
    let bits = t.to_bits();
    let [hi, lo] = TABLE[bits as usize & (N - 1)];
    let (hi, lo) = (f64::from_bits(hi), f64::from_bits(lo));
    let y = hi + (lo + hi * p);

    // 2^k = 2^k1 * 2^k2 with k1 = floor(k / 2), k2 = k - k1, built in the exponent field.
    // `t`'s low bits are n mod 2^51 (SHIFT's are zero), so `(t >> LOG2_N) << 52` is k in that
    // field (mod 2^12); halving it and masking (which also drops k's low bit and any carry out
    // of the field) gives the field of 2^k1, and the field of 2^k2 is then k + 2046 minus it.
    // All in wrapping u64 arithmetic: a NaN gives garbage scales here, and `y` NaN keeps the
    // result NaN.
    let k_field = (bits >> LOG2_N) << 52;
    let s1 = (k_field >> 1).wrapping_add(BIAS) & EXP_MASK;
    let s2 = k_field.wrapping_add(2 * BIAS).wrapping_sub(s1);
    let (s1, s2) = (f64::from_bits(s1), f64::from_bits(s2));
    y * s1 * s2
}

#[cfg(test)]
mod tests {
    use super::super::reference;
    use super::exp;
    use proptest::prelude::*;

    // --- A double-double reference (about 2^-100 relative), for measuring errors in ulps. ---
    // Test-only: it uses `mul_add` for exact products, which is correct (if slow) everywhere.

    type Dd = (f64, f64);

    fn fast_two_sum(a: f64, b: f64) -> Dd {
        let s = a + b;
        (s, b - (s - a))
    }

    fn two_sum(a: f64, b: f64) -> Dd {
        let s = a + b;
        let bb = s - a;
        (s, (a - (s - bb)) + (b - bb))
    }

    fn dd_add(a: Dd, b: Dd) -> Dd {
        let (s, e) = two_sum(a.0, b.0);
        fast_two_sum(s, e + a.1 + b.1)
    }

    fn dd_mul(a: Dd, b: Dd) -> Dd {
        let p = a.0 * b.0;
        let e = a.0.mul_add(b.0, -p);
        fast_two_sum(p, e + a.0 * b.1 + a.1 * b.0)
    }

    fn dd_div(a: Dd, n: f64) -> Dd {
        let q = a.0 / n;
        let p = q * n;
        let pe = q.mul_add(n, -p);
        fast_two_sum(q, ((a.0 - p) - pe + a.1) / n)
    }

    /// `e^x = 2^k (h + l)` with `h + l` in `[0.7, 1.42]`, to about 2^-100 relative.
    fn exp_reference(x: f64) -> (i32, Dd) {
        const LN2: Dd = (
            f64::from_bits(0x3FE6_2E42_FEFA_39EF),
            2.319_046_813_846_299_6e-17,
        );
        let k = (x / LN2.0).round();
        // x - k ln 2 in double-double; k * LN2.0 is exact as a (product, error) pair.
        let p = k * LN2.0;
        let r = dd_add(two_sum(x, -p), (-k.mul_add(LN2.0, -p), -k * LN2.1));
        let mut sum = (1.0, 0.0);
        let mut term = (1.0, 0.0);
        for n in 1..=28 {
            term = dd_div(dd_mul(term, r), f64::from(n));
            sum = dd_add(sum, term);
        }
        (k as i32, sum)
    }

    /// `v * 2^n`, exact whenever the result is normal or the scaling is into the subnormal range
    /// from a value with few enough bits (both true where used).
    fn scale(v: f64, n: i32) -> f64 {
        let pow2 = |m: i32| f64::from_bits(((m + 1023) as u64) << 52);
        let half = n / 2;
        v * pow2(half) * pow2(n - half)
    }

    /// `|y - e^x|` in units of the last place of the exact `e^x` (subnormal ulp below 2^-1022).
    /// `y` must be finite.
    fn ulp_error(x: f64, y: f64) -> f64 {
        let (k, (h, l)) = exp_reference(x);
        let binade = if h > 1.0 || (h == 1.0 && l >= 0.0) {
            0
        } else {
            -1
        };
        let ulp = (binade + k - 52).max(-1074);
        let d = (scale(y, -ulp) - scale(h, k - ulp)) - scale(l, k - ulp);
        d.abs()
    }

    /// A small deterministic generator (splitmix64), so sweeps are reproducible.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        /// Uniform in `[lo, hi)`.
        fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
            lo + (hi - lo) * ((self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64))
        }
    }

    /// The arguments the error sweeps use: `n` uniform over the finite-result range, plus dense
    /// edge regions (tiny |x|, subnormal results, near overflow, near the `k` rounding
    /// boundaries `(j + 1/2) ln 2`, integers), about `n` of each kind.
    fn sweep(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = Rng(seed);
        let mut xs = Vec::with_capacity(6 * n);
        for _ in 0..n {
            xs.push(rng.uniform(-745.2, 709.79));
            // Tiny |x|: every binade from 2^-1074 to 1, both signs.
            let e = (rng.next() % 1075) as i32;
            let m = rng.uniform(1.0, 2.0);
            let s = if rng.next() & 1 == 0 { 1.0 } else { -1.0 };
            xs.push(s * scale(m, -e));
            xs.push(rng.uniform(-745.2, -708.0));
            xs.push(rng.uniform(700.0, 709.79));
            let j = f64::from((rng.next() % 2100) as i32 - 1075);
            let b = (j + 0.5) * core::f64::consts::LN_2;
            let off = (rng.next() % 64) as i64 - 32;
            xs.push(f64::from_bits((b.to_bits() as i64 + off) as u64));
            xs.push(rng.uniform(-2.0, 2.0));
        }
        xs.retain(|&x| (-745.2..=709.78).contains(&x));
        xs.extend((-745..=709).map(f64::from));
        xs
    }

    /// The largest error in ulps over `xs` for normal and for subnormal results, each with
    /// the argument where it occurs.
    fn max_ulp_error(xs: &[f64]) -> [(f64, f64); 2] {
        let mut worst = [(0.0, f64::NAN); 2];
        for &x in xs {
            let y = exp(x);
            assert!(y.is_finite(), "exp({x:e}) = {y}");
            let e = ulp_error(x, y);
            let w = &mut worst[usize::from(y < f64::MIN_POSITIVE)];
            if e > w.0 {
                *w = (e, x);
            }
        }
        worst
    }

    /// The derived bounds (module docs): normal results are within the final rounding (0.5 ulp)
    /// plus 0.008 ulp; subnormal results are rounded twice, to 53 bits and then to the subnormal
    /// grid, whose ulp is at least twice as coarse: 0.5 + 0.508 / 2 ulp.
    const NORMAL_BOUND: f64 = 0.508;
    const SUBNORMAL_BOUND: f64 = 0.754;

    /// Asserts the largest errors of a sweep against `normal` and `subnormal` ulps.
    fn check_bounds(worst: [(f64, f64); 2], normal: f64, subnormal: f64) {
        let [(e, x), (es, xs)] = worst;
        assert!(e < normal, "exp({x:e}) is {e} ulp off");
        assert!(es < subnormal, "exp({xs:e}) is {es} ulp off (subnormal)");
    }

    #[test]
    fn table_is_exact() {
        // Independently of how the table was generated: (hi + lo)^N = 2^j within 2^-96
        // relative (8 double-double squarings, each good to about 2^-104), so hi + lo is
        // 2^(j/N) within about 2^-104; and |lo| is below half an ulp of hi (in [1, 2), ulp
        // 2^-52) by more than that, so hi is 2^(j/N) rounded to nearest.
        assert_eq!(super::TABLE.len(), 1 << super::LOG2_N);
        for (j, &[hi, lo]) in super::TABLE.iter().enumerate() {
            let (hi, lo) = (f64::from_bits(hi), f64::from_bits(lo));
            assert!((1.0..2.0).contains(&hi), "TABLE[{j}]");
            assert!(lo.abs() < f64::EPSILON / 2.0 - 2f64.powi(-95), "TABLE[{j}]");
            let mut v = (hi, lo);
            for _ in 0..super::LOG2_N {
                v = dd_mul(v, v);
            }
            let two_j = 2f64.powi(j as i32);
            let rel = ((v.0 - two_j) + v.1).abs() / two_j;
            assert!(
                rel < 2f64.powi(-96),
                "TABLE[{j}]: (hi + lo)^N = 2^{j} (1 + {rel:e})"
            );
        }
    }

    #[test]
    fn reference_agrees_with_libm() {
        // The reference itself, checked against the platform's exp (itself within 1 ulp).
        for x in sweep(2_000, 7) {
            let e = ulp_error(x, x.exp());
            assert!(e <= 1.0, "libm exp({x:e}) is {e} ulp from the reference");
        }
    }

    #[test]
    fn max_ulp_error_sweep() {
        // The measured maxima (see `max_ulp_error_large_sweep`) are 0.5036 and 0.7504 ulp: a
        // deterministic sweep checks those, to catch an accuracy regression within the bounds.
        check_bounds(max_ulp_error(&sweep(30_000, 1)), 0.504, 0.751);
    }

    /// About 6 * 10^7 points; run with
    /// `cargo test --release -p fastmath-core max_ulp_error_large -- --ignored --nocapture`.
    #[test]
    #[ignore = "slow: a measurement, run by hand"]
    fn max_ulp_error_large_sweep() {
        let worst = max_ulp_error(&sweep(10_000_000, 2));
        for (kind, (e, x)) in ["normal", "subnormal"].iter().zip(worst) {
            println!(
                "{kind} results: max error {e} ulp at x = {x:e} ({:#x})",
                x.to_bits()
            );
        }
        check_bounds(worst, 0.504, 0.751);
    }

    #[test]
    fn within_one_ulp_of_libm() {
        for x in sweep(20_000, 3) {
            let (a, b) = (exp(x), x.exp());
            let dist = (a.to_bits() as i64 - b.to_bits() as i64).abs();
            assert!(dist <= 1, "exp({x:e}): {a:e} vs libm {b:e}");
        }
    }

    #[test]
    fn special_values_are_exact() {
        assert_eq!(exp(0.0).to_bits(), 1.0f64.to_bits());
        assert_eq!(exp(-0.0).to_bits(), 1.0f64.to_bits());
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(f64::NEG_INFINITY).to_bits(), 0.0f64.to_bits());
        assert!(exp(f64::NAN).is_nan());
        assert!(exp(-f64::NAN).is_nan());
        assert_eq!(exp(1.0), core::f64::consts::E);
        assert_eq!(exp(core::f64::consts::LN_2), 2.0);
        assert_eq!(exp(1e-300), 1.0);
        assert_eq!(exp(-1e-300), 1.0);
        assert_eq!(exp(f64::MIN_POSITIVE), 1.0);
        assert_eq!(exp(5e-324), 1.0);
        assert_eq!(exp(f64::MAX), f64::INFINITY);
        assert_eq!(exp(f64::MIN), 0.0);
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert!(exp(709.78).is_finite());
        assert_eq!(exp(-745.2), 0.0);
        assert_eq!(exp(-1000.0), 0.0);
        // Results are never negative zero.
        assert!(exp(-1000.0).is_sign_positive());
    }

    #[test]
    fn overflow_threshold_is_exact() {
        // ln(MAX + ulp/2) = 709.7827128933839967...: the double below it still gives MAX-ish.
        let last = f64::from_bits(0x4086_2E42_FEFA_39EF);
        assert_eq!(last, 709.782712893384);
        let y = exp(last);
        assert!(y.is_finite() && y > 1.79e308, "{y:e}");
        assert!(ulp_error(last, y) <= 0.5 + 1e-9);
        assert_eq!(exp(last.next_up()), f64::INFINITY);
    }

    #[test]
    fn underflow_threshold_and_subnormals() {
        // ln(2^-1075) = -745.13321910194120762...: above it e^x rounds to the smallest subnormal.
        let above: f64 = -745.133_219_101_941_1;
        let below: f64 = -745.133_219_101_941_3;
        assert_eq!(above.next_down(), -745.133_219_101_941_2);
        assert_eq!(exp(above), 5e-324);
        assert_eq!(exp(-745.133_219_101_941_2), 0.0);
        assert_eq!(exp(below), 0.0);
        // Subnormal results are scaled correctly: e^x for x = ln(m 2^-1074) is m subnormal ulps.
        for m in [
            1.0,
            2.0,
            3.0,
            1000.0,
            123_456_789.0,
            4_503_599_627_370_495.0,
        ] {
            let x = (m * 5e-324f64).ln();
            let y = exp(x);
            assert!(y < f64::MIN_POSITIVE || m > 4.5e15);
            assert!(ulp_error(x, y) < 1.0, "exp({x}) = {y:e}");
        }
        // The largest subnormal and the smallest normal result are both reached.
        let mut prev = 0.0;
        let mut x = -708.5;
        while x < -708.3 {
            let y = exp(x);
            assert!(y >= prev, "not monotone at {x}");
            prev = y;
            x += 1e-4;
        }
        assert!(exp(-708.5) < f64::MIN_POSITIVE && exp(-708.3) > f64::MIN_POSITIVE);
    }

    #[test]
    fn slice_kernels_give_the_scalar_bits() {
        reference::check_slice_kernels(
            &sweep(2_000, 4),
            exp,
            super::super::exp_into,
            super::super::exp_in_place,
            reference::NanBits::Strict,
        );
    }

    /// A fingerprint of `exp` over 10^6 arguments: even ones uniform in `[-750, 712)`, odd ones
    /// random bit patterns (so every kind of double, NaN hashed as one value). The same number
    /// was obtained from this code built for wasm32-unknown-unknown (+simd128, under node) and in
    /// Pyodide 314 from the native wheel (wasm32-unknown-emscripten, +simd128), for both
    /// `fastmath.exp(array)` and `fastmath.exp(float)` per element: bit-identical results. It
    /// changes when the algorithm does (then re-check those builds). In Python:
    /// `z` from splitmix64 seeded 12345, `x = -750 + 1462 * ((z >> 11) * 2**-53)` for even `i`,
    /// else `struct.unpack("<d", struct.pack("<Q", z))[0]`; FNV-1a (64-bit, word-wise) over the
    /// result bits.
    #[test]
    fn bits_fingerprint() {
        let mut rng = Rng(12345);
        let xs: Vec<f64> = (0..1_000_000)
            .map(|i| {
                let z = rng.next();
                if i % 2 == 0 {
                    -750.0 + 1462.0 * ((z >> 11) as f64 * (1.0 / (1u64 << 53) as f64))
                } else {
                    f64::from_bits(z)
                }
            })
            .collect();
        let mut out = vec![0.0; xs.len()];
        super::super::exp_into(&xs, &mut out).unwrap();
        let mut h: u64 = 0xCBF2_9CE4_8422_2325;
        for (&x, &y) in xs.iter().zip(&out) {
            let scalar = exp(x);
            assert!(y.to_bits() == scalar.to_bits() || (y.is_nan() && scalar.is_nan()));
            let bits = if y.is_nan() {
                0x7FF8_0000_0000_0000
            } else {
                y.to_bits()
            };
            h = (h ^ bits).wrapping_mul(0x0000_0100_0000_01B3);
        }
        assert_eq!(h, 0x1495_0C00_EAAA_416C, "fingerprint {h:#018x}");
    }

    proptest! {
        #[test]
        fn within_one_ulp(x in -745.2f64..709.78) {
            let y = exp(x);
            let bound = if y < f64::MIN_POSITIVE { SUBNORMAL_BOUND } else { NORMAL_BOUND };
            prop_assert!(ulp_error(x, y) < bound);
        }

        #[test]
        fn tiny_arguments(m in 1.0f64..2.0, e in 0i32..1075, neg: bool) {
            let x = if neg { -scale(m, -e) } else { scale(m, -e) };
            prop_assert!(ulp_error(x, exp(x)) < NORMAL_BOUND);
        }
    }
}
