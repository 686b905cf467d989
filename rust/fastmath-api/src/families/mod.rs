//! The public functions, one module per family. Each module declares its functions as
//! [`Function`] statics (name, signature, docstring, code) and lists them in `FUNCTIONS`; the
//! table ([`crate::table`]) is these lists in this order.

use crate::table::Function;

pub mod clustering;
pub mod distance;
pub mod elementwise;
pub mod fft;
pub mod fft_layout;
mod lanes;
pub mod linalg;
pub mod number_theory;
mod permute;
pub mod polynomials;
mod precision;
pub mod random;
mod rank;
pub mod reductions;
mod scratch;
pub mod sequences;
pub mod sorting;
pub mod special;
mod stack;
pub mod statistics;
#[cfg(test)]
// Test arithmetic on small, known sizes: an overflow there fails the test, as it should.
#[allow(clippy::arithmetic_side_effects)]
mod testing;

/// Every family's functions, in the order of the public table.
pub static ALL: [&[&Function]; 14] = [
    elementwise::FUNCTIONS,
    reductions::FUNCTIONS,
    statistics::FUNCTIONS,
    linalg::FUNCTIONS,
    sorting::FUNCTIONS,
    special::FUNCTIONS,
    number_theory::FUNCTIONS,
    sequences::FUNCTIONS,
    polynomials::FUNCTIONS,
    fft::FUNCTIONS,
    fft_layout::FUNCTIONS,
    random::FUNCTIONS,
    distance::FUNCTIONS,
    clustering::FUNCTIONS,
];
