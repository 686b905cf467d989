"""Which of numpy's own test files run with fastmath swapped in (run.py, swap.py).

Each suite is one numpy test file: the test classes of it that target functions fastmath has,
and the functions swapped while they run (only those, and only in the namespace the tests call).
Its outcome is checked against ``<suite>_passing.txt`` and ``<suite>_differences.txt`` here.

Classes left out, and why (the ones kept are the practical ones: they mostly exercise what
fastmath has):

- lib/tests/test_function_base.py: TestAmax/TestAmin (numpy.amax/amin, names fastmath lacks);
  TestUnique (one test, of strings and complex); TestSortComplex (complex only); TestCumsum and
  TestProd, TestCumprod (their tests are mostly the ``a.cumsum()`` methods of every dtype, then
  check overflow errors fastmath does not raise: wrap-around is numpy's own integer rule).
- lib/tests/test_histograms.py: TestHistogramOptimBinNums (bin estimators such as
  ``bins="auto"``, which fastmath refuses by design) and TestHistogramdd (not fastmath's).
- lib/tests/test_polynomial.py: TestPolynomial is run, but most of it tests numpy.poly1d,
  whose methods call numpy's own polyval (only direct calls from the test module are swapped):
  fastmath runs in its polyfit test only.
- lib/tests/test_nanfunctions.py: TestSignatureMatch (compares numpy's nan-functions' signatures
  with numpy's own); the nan-arg/cum/prod classes (nanargmin, nancumsum, nanprod: fastmath lacks
  them); TestNanFunctions_NumberTypes (float16/longdouble/complex dtype tables).
- _core/tests/test_numeric.py: TestClip (it calls the ``a.clip`` method, with ``out=`` and
  casting rules throughout, not the function); TestStdVar/TestStdVarComplex (two tests each).
- _core/tests/test_function_base.py: only TestLinspace (logspace/geomspace are not fastmath's;
  the module's other classes build their data with numpy.arange, which must stay numpy's).
"""

#: suite -> (test file under numpy's package, namespace, swapped names, test classes).
SUITES = {
    "linalg": (
        "linalg/tests/test_linalg.py",
        "numpy.linalg",
        ("solve", "inv", "det", "cholesky", "qr", "lstsq", "eigh", "svd", "norm"),
        (
            "TestSolve",
            "TestInv",
            "TestDet",
            "TestCholesky",
            "TestQR",
            "TestLstsq",
            "TestEigh",
            "TestEighCases",
            "TestSVD",
            "TestSVDHermitian",
            "TestNormDouble",
        ),
    ),
    "function_base": (
        "lib/tests/test_function_base.py",
        "numpy",
        (
            "average",
            "ptp",
            "diff",
            "digitize",
            "trapezoid",
            "corrcoef",
            "cov",
            "bincount",
            "interp",
            "percentile",
            "quantile",
            "median",
        ),
        (
            "TestAverage",
            "TestPtp",
            "TestDiff",
            "TestDigitize",
            "TestTrapezoid",
            "TestCorrCoef",
            "TestCov",
            "TestBincount",
            "TestInterp",
            "TestPercentile",
            "TestQuantile",
            "TestMedian",
        ),
    ),
    "histograms": (
        "lib/tests/test_histograms.py",
        "numpy",
        ("histogram",),
        ("TestHistogram",),
    ),
    "nanfunctions": (
        "lib/tests/test_nanfunctions.py",
        "numpy",
        ("nanmin", "nanmax", "nansum", "nanmean", "nanvar", "nanstd", "nanmedian"),
        (
            "TestNanFunctions_MinMax",
            "TestNanFunctions_SumProd",
            "TestNanFunctions_MeanVarStd",
            "TestNanFunctions_Median",
        ),
    ),
    "polynomial": (
        "lib/tests/test_polynomial.py",
        "numpy",
        ("polyfit", "polyval"),
        ("TestPolynomial",),
    ),
    "numeric": (
        "_core/tests/test_numeric.py",
        "numpy",
        ("correlate", "convolve"),
        ("TestCorrelate", "TestConvolve"),
    ),
    "arraysetops": (
        "lib/tests/test_arraysetops.py",
        "numpy",
        ("unique",),
        ("TestUnique",),
    ),
    "core_function_base": (
        "_core/tests/test_function_base.py",
        "numpy",
        ("linspace",),
        ("TestLinspace",),
    ),
}
