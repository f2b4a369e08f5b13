//! Work cut in numbered pieces, made on several threads and used in
//! order: a big export renders its rows on every core while they are
//! written out one piece after another.

use std::sync::mpsc::{Receiver, sync_channel};

/// How many made pieces may wait, per thread, to be used.
const WAITING: usize = 2;

/// Makes the pieces `0..count` with `make` on up to `threads` threads
/// (piece `i` on thread `i mod threads`), and hands each to `take` in
/// order as soon as it is made. Stops at the first error of either and
/// returns it; the threads then stop making pieces. At most
/// `threads × (WAITING + 1)` pieces are held at once.
pub fn in_order<T: Send, E: Send>(
    count: usize,
    threads: usize,
    make: impl Fn(usize) -> Result<T, E> + Sync,
    mut take: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let threads = threads.clamp(1, count.max(1));
    if threads == 1 {
        return (0..count).try_for_each(|i| take(make(i)?));
    }
    std::thread::scope(|scope| {
        let make = &make;
        let made: Vec<Receiver<Result<T, E>>> = (0..threads)
            .map(|first| {
                let (done, made) = sync_channel(WAITING);
                scope.spawn(move || {
                    for i in (first..count).step_by(threads) {
                        let piece = make(i);
                        let failed = piece.is_err();
                        // Nobody takes pieces any more, or none will follow.
                        if done.send(piece).is_err() || failed {
                            break;
                        }
                    }
                });
                made
            })
            .collect();
        for i in 0..count {
            // A thread that stopped without its piece panicked: the scope
            // passes its panic on once the others have stopped.
            let Ok(piece) = made[i % threads].recv() else {
                break;
            };
            take(piece?)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_taken_in_order_on_any_number_of_threads() {
        for threads in [0, 1, 2, 3, 8] {
            for count in [0, 1, 2, 7, 100] {
                let mut taken = Vec::new();
                let result: Result<(), ()> = in_order(
                    count,
                    threads,
                    |i| {
                        // Later pieces made faster than earlier ones.
                        std::thread::sleep(std::time::Duration::from_micros(
                            ((count - i) % 5) as u64 * 50,
                        ));
                        Ok(i * 10)
                    },
                    |piece| {
                        taken.push(piece);
                        Ok(())
                    },
                );
                assert_eq!(result, Ok(()));
                let expected: Vec<usize> = (0..count).map(|i| i * 10).collect();
                assert_eq!(taken, expected, "{count} pieces on {threads} threads");
            }
        }
    }

    #[test]
    fn the_first_error_stops_the_work_and_is_returned() {
        let made = std::sync::atomic::AtomicUsize::new(0);
        let mut taken = Vec::new();
        let result = in_order(
            1000,
            2,
            |i| {
                made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i == 5 {
                    Err(format!("piece {i}"))
                } else {
                    Ok(i)
                }
            },
            |piece| {
                taken.push(piece);
                Ok(())
            },
        );
        assert_eq!(result, Err("piece 5".to_owned()));
        assert_eq!(taken, [0, 1, 2, 3, 4]);
        // The threads stopped soon after, not at the end.
        assert!(made.load(std::sync::atomic::Ordering::Relaxed) < 50);
        let result = in_order(1000, 2, Ok::<usize, String>, |piece| {
            if piece == 3 {
                Err("full".to_owned())
            } else {
                Ok(())
            }
        });
        assert_eq!(result, Err("full".to_owned()));
    }
}
