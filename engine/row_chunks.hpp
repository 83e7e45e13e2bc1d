// Rows of a layer split across the machine's cores: one contiguous chunk per worker, each worker
// with state of its own (GEOS prepared geometries and per-set caches are not shared between
// threads). Exceptions reach the caller, the first one rethrown once every worker has stopped.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace atlante {

// Calls work(begin, end) on up to hardware_concurrency() threads; a layer smaller than
// 2 × min_rows stays on the calling thread.
template <class Work>
void for_row_chunks(std::size_t rows, std::size_t min_rows, const Work& work) {
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers =
        std::clamp<std::size_t>(rows / std::max<std::size_t>(1, min_rows), 1, cores);
    if (workers == 1) {
        work(std::size_t{0}, rows);
        return;
    }
    std::vector<std::exception_ptr> errors(workers);
    std::vector<std::thread> threads;
    const std::size_t chunk = (rows + workers - 1) / workers;
    for (std::size_t w = 0; w < workers; ++w)
        threads.emplace_back([&, w] {
            try {
                work(w * chunk, std::min(rows, (w + 1) * chunk));
            } catch (...) {
                errors[w] = std::current_exception();
            }
        });
    for (std::thread& t : threads) t.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace atlante
