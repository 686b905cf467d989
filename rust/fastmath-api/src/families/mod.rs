//! The public functions, one module per family. Each module declares its functions as
//! [`Function`] statics (name, signature, docstring, code) and lists them in `FUNCTIONS`; the
//! table ([`crate::table`]) is these lists in this order.

use crate::table::Function;

pub mod elementwise;
mod lanes;
pub mod linalg;
mod permute;
mod precision;
mod rank;
pub mod reductions;
pub mod sorting;
mod stack;
pub mod statistics;
// Sequences and polynomials (issue 12).
pub mod polynomials;
pub mod sequences;
#[cfg(test)]
// Test arithmetic on small, known sizes: an overflow there fails the test, as it should.
#[allow(clippy::arithmetic_side_effects)]
mod testing;

/// Every family's functions, in the order of the public table.
pub static ALL: [&[&Function]; 7] = [
    elementwise::FUNCTIONS,
    reductions::FUNCTIONS,
    statistics::FUNCTIONS,
    linalg::FUNCTIONS,
    sorting::FUNCTIONS,
    sequences::FUNCTIONS,
    polynomials::FUNCTIONS,
];
