//! The thread pool of the threaded module: this crate built for `wasm32-wasip1-threads`
//! (`tools/build-threads.sh`), whose kernels split large calls across it
//! (`fastmath_core::parallel`). docs/threads.md says why this target and what its host does.
//!
//! The host instantiates the module once per thread over one shared memory. The thread that
//! calls in (the one running Python) first calls [`host_init`]: it sets up wasi-libc's state
//! for that thread, which a `cdylib` never does by itself (no `_initialize` export; without it
//! the first thread-local with a destructor hangs in `pthread_key_delete`). [`host_threads`]
//! then builds the pool. The pool is built with `use_current_thread`: the caller is worker 0, so a
//! call too small to split runs inline, and a pool of one thread starts nothing, which is
//! what a host without threads (thread-spawn answering -1) gets.
//!
//! The pool's other threads are Workers the host starts through `wasi.thread-spawn`; they must
//! be running before the first call that waits on them (a browser starts a nested Worker only
//! while its parent's event loop turns), so the host awaits their start after this returns.

use std::sync::OnceLock;

use fastmath_core::parallel;

use crate::host::export;

/// The pool, once built (None: not even one thread could be made a pool, never seen).
static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();

#[allow(unsafe_code)]
mod libc_start {
    unsafe extern "C" {
        /// wasi-libc: links the calling thread's descriptor into the thread list.
        fn __wasi_init_tp();
        /// The linker's constructors (none today; run as `_initialize` would).
        fn __wasm_call_ctors();
    }

    /// What crt1-reactor's `_initialize` does, for the one thread not started by
    /// `wasi_thread_start`. Must run once, before anything else (the caller ensures it).
    pub(super) fn init_main_thread() {
        // SAFETY: both are wasi-libc's own start-up functions, called once on the main
        // thread before any thread-local or thread is used, as `_initialize` would.
        unsafe {
            __wasi_init_tp();
            __wasm_call_ctors();
        }
    }
}

/// wasi-libc's start-up on the calling thread, once.
static STARTED: std::sync::Once = std::sync::Once::new();

export! { hostInit:
    /// Starts the module on the calling thread: the host's first call into a fresh instance.
    pub fn host_init() {
        STARTED.call_once(libc_start::init_main_thread);
    }
}

export! { hostThreads:
    /// Builds a pool of `threads` threads (the caller included), or of as many as could be
    /// started; returns the pool's size. The first call decides; later ones return that size.
    /// The host calls it before the first call of a function, not at start-up: an instance
    /// that only ever traps (tests make ten thousand) starts no thread.
    pub fn host_threads(threads: usize) -> usize {
        STARTED.call_once(libc_start::init_main_thread);
        let pool = POOL.get_or_init(|| {
            let build = |n: usize| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .use_current_thread()
                    .build()
            };
            // A host that cannot start threads makes the build fail (EAGAIN); one thread
            // starts none.
            build(threads.max(1)).or_else(|_| build(1)).ok()
        });
        pool.as_ref().map_or(1, rayon::ThreadPool::current_num_threads)
    }
}

export! { hostSetThreads:
    /// Sets how many of the pool's threads a call may use (at least 1); returns the number now
    /// used.
    pub fn host_set_threads(threads: usize) -> usize {
        parallel::set_limit(threads);
        let size = POOL
            .get()
            .and_then(Option::as_ref)
            .map_or(1, rayon::ThreadPool::current_num_threads);
        size.min(parallel::limit())
    }
}
