//! Statistics kernels beyond the median ([`crate::median`]) and the reductions: order
//! statistics at any quantile ([`quantile`]), counting values into bins ([`histogram`]), and
//! covariance and correlation matrices ([`covariance`]).

pub mod covariance;
pub mod histogram;
pub mod quantile;
