//! One axis of an N-D array as lanes: numpy's functions that work "along an axis" (`sort`,
//! `argsort`) run a 1-D kernel on every lane, the 1-D slices along that axis. In C order the
//! last axis's lanes are contiguous already; any other axis is moved last by one copy (the
//! shape `(outer, n, inner)` becomes `(outer, inner, n)`), and the results are moved back.

use std::borrow::Cow;

use fastmath_core::parallel;

/// An array of `shape` seen as lanes along `axis`: blocks of `n x inner` elements (as many as
/// the axes before `axis` have elements).
#[derive(Clone, Copy)]
pub struct Lanes {
    /// The lane length (the axis's size).
    pub n: usize,
    pub inner: usize,
}

impl Lanes {
    /// `axis` must be below `shape.len()`; the sizes multiply to the array's element count,
    /// which the array descriptor has already checked fits in a `usize`.
    pub fn new(shape: &[usize], axis: usize) -> Self {
        let rest = shape.get(axis..).unwrap_or_default();
        let (n, after) = rest.split_first().map_or((1, &[][..]), |(n, a)| (*n, a));
        // Saturating: with a zero in the shape the others may multiply past `usize`, and then
        // there is nothing to walk anyway.
        Self {
            n,
            inner: after.iter().fold(1, |p, &d| p.saturating_mul(d)),
        }
    }

    /// Whether the lanes are contiguous already (the axis is the last, or all after it are 1).
    fn contiguous(&self) -> bool {
        self.inner == 1
    }

    /// `data` (C order) with every lane contiguous, lanes in the order of the other axes:
    /// `data` itself when they already are, else one copy.
    pub fn lined_up<'d, T: Copy + Default>(&self, data: &'d [T]) -> Cow<'d, [T]> {
        if self.contiguous() {
            Cow::Borrowed(data)
        } else {
            Cow::Owned(self.gather(data))
        }
    }

    /// `kernel` on every lane of `data`, writing the lane's result in the same place of `out`
    /// (as long as `data`): the lanes are lined up first and the results moved back when the
    /// axis is not the last. Nothing to do for no elements. `work_per_lane`: a lane's cost, in
    /// `fastmath_core::parallel`'s units (about one `exp` each).
    pub fn map<S: Copy + Default + Sync, T: Copy + Default + Send>(
        &self,
        data: &[S],
        out: &mut [T],
        work_per_lane: usize,
        kernel: impl Fn(&[S], &mut [T]) -> fastmath_core::Result<()> + Sync + Send,
    ) -> fastmath_core::Result<()> {
        if self.n == 0 || out.is_empty() {
            return Ok(());
        }
        if self.contiguous() {
            return self.each(data, out, work_per_lane, &kernel);
        }
        let lanes = self.gather(data);
        let mut done = vec![T::default(); out.len()];
        self.each(&lanes, &mut done, work_per_lane, &kernel)?;
        self.scatter(&done, out);
        Ok(())
    }

    /// `kernel` on every lane of contiguous `lanes` into the same lane of `out`, in bands of
    /// lanes on several threads where the build has them (`fastmath_core::parallel`, which
    /// counts `work_per_lane`): each lane is computed alone, so the bits do not depend on the
    /// bands.
    fn each<S: Sync, T: Send>(
        &self,
        lanes: &[S],
        out: &mut [T],
        work_per_lane: usize,
        kernel: &(impl Fn(&[S], &mut [T]) -> fastmath_core::Result<()> + Sync + Send),
    ) -> fastmath_core::Result<()> {
        let n = self.n;
        parallel::rows(lanes, n, out, n, work_per_lane, |_, lanes, out| {
            for (lane, o) in lanes.chunks_exact(n).zip(out.chunks_exact_mut(n)) {
                kernel(lane, o)?;
            }
            Ok(())
        })
    }

    fn block(&self) -> usize {
        self.n.saturating_mul(self.inner)
    }

    /// `src` (C order) with the axis moved last: every lane contiguous, lanes in the order of
    /// the remaining axes.
    fn gather<T: Copy + Default>(&self, src: &[T]) -> Vec<T> {
        let mut dst = vec![T::default(); src.len()];
        if self.block() == 0 {
            return dst;
        }
        for (from, to) in src
            .chunks_exact(self.block())
            .zip(dst.chunks_exact_mut(self.block()))
        {
            for (i, lane) in to.chunks_exact_mut(self.n.max(1)).enumerate() {
                for (d, s) in lane.iter_mut().zip(from.iter().skip(i).step_by(self.inner)) {
                    *d = *s;
                }
            }
        }
        dst
    }

    /// The inverse of [`Self::gather`]: lanes (contiguous) written back along the axis of `dst`.
    fn scatter<T: Copy>(&self, lanes: &[T], dst: &mut [T]) {
        if self.block() == 0 {
            return;
        }
        for (from, to) in lanes
            .chunks_exact(self.block())
            .zip(dst.chunks_exact_mut(self.block()))
        {
            for (i, lane) in from.chunks_exact(self.n.max(1)).enumerate() {
                for (s, d) in lane.iter().zip(to.iter_mut().skip(i).step_by(self.inner)) {
                    *d = *s;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gather_moves_the_axis_last_and_scatter_moves_it_back() {
        // shape (2, 3, 2): element (a, b, c) = 100a + 10b + c.
        let shape = [2, 3, 2];
        let data: Vec<i64> = (0..12)
            .map(|t| 100 * (t / 6) + 10 * (t / 2 % 3) + t % 2)
            .collect();
        let lanes = Lanes::new(&shape, 1);
        assert_eq!((lanes.n, lanes.inner), (3, 2));
        let gathered = lanes.gather(&data);
        assert_eq!(&gathered[..6], &[0, 10, 20, 1, 11, 21]);
        assert_eq!(&gathered[6..], &[100, 110, 120, 101, 111, 121]);
        let mut back = vec![0; 12];
        lanes.scatter(&gathered, &mut back);
        assert_eq!(back, data);
        assert!(Lanes::new(&shape, 2).contiguous() && !Lanes::new(&shape, 0).contiguous());
        let empty = Lanes::new(&[2, 0, 3], 0);
        assert!(empty.gather::<f64>(&[]).is_empty());
    }
}
