//! The server's global allocator: mimalloc, entered through its plain `mi_malloc` for the
//! alignments every mimalloc block already has.
//!
//! The `mimalloc` crate's `MiMalloc` sends every Rust allocation through `mi_malloc_aligned`, whose
//! extra checks cost about as much as the allocation itself on the hot path: under callgrind the
//! aligned wrappers were ~2.5% of a Customers page's instructions. Like the standard library's
//! `System` allocator does with glibc, a layout whose alignment is at most 16 and at most its size
//! goes to `mi_malloc`/`mi_realloc`/`mi_zalloc` (mimalloc's size classes keep such blocks aligned);
//! anything else keeps the aligned calls.

// The one module with `unsafe` (the workspace denies it): a global allocator is `unsafe` to
// implement by definition, and this one buys the ~2.5% above.
#![allow(unsafe_code)]

use core::{alloc::GlobalAlloc, alloc::Layout, ffi::c_void};
use libmimalloc_sys as ffi;

/// mimalloc's `MI_MAX_ALIGN_SIZE`: its own aligned path hands a layout to plain `mi_malloc` when
/// the alignment is at most this and at most the size (`mi_malloc_is_naturally_aligned`).
const PLAIN_ALIGN: usize = 16;

/// See the module's documentation.
pub struct Allocator;

#[inline]
fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

// SAFETY: every call forwards to mimalloc, which returns null on failure and memory of at least
// the requested size, aligned to the layout (plain calls only where mimalloc's own guarantee
// covers the alignment, see `plain`); `dealloc` and `realloc` get pointers this allocator made.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain FFI calls with a non-zero size (GlobalAlloc's contract).
        unsafe {
            if plain(layout.align(), layout.size()) {
                ffi::mi_malloc(layout.size()).cast()
            } else {
                ffi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe {
            if plain(layout.align(), layout.size()) {
                ffi::mi_zalloc(layout.size()).cast()
            } else {
                ffi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator (GlobalAlloc's contract).
        unsafe { ffi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`; `new_size` is non-zero.
        unsafe {
            if plain(layout.align(), new_size) {
                ffi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                ffi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Allocator;
    use core::alloc::{GlobalAlloc, Layout};

    /// Every size and alignment a program asks for comes back aligned, zeroed where asked, and
    /// keeps its bytes through a reallocation that moves between the plain and aligned calls.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        let a = Allocator;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1usize, 3, 8, 15, 16, 24, 40, 48, 100, 4096, 70_000] {
                let layout = Layout::from_size_align(size, align).expect("valid layout");
                // SAFETY: non-zero sizes; each block is freed once with its layout.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    p.write_bytes(0xAB, size);
                    let q = a.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "realloc size {size} align {align}");
                    assert!((0..size).all(|i| *q.add(i) == 0xAB));
                    a.dealloc(q, Layout::from_size_align(size * 3, align).expect("valid"));
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
