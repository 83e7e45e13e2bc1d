// What every harness asserts: user input may be refused with atlante's own error (exit 1 or 2
// for the user), never with another exception (exit 3, "internal error") or a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "layers/error.hpp"

namespace atlante::fuzz {

template <class F>
void refuse_only_with_errors(F&& f) {
    try {
        f();
    } catch (const Error&) {
        // A clear refusal: what bad input must get.
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz: an exception that is not atlante's own error: %s\n", e.what());
        std::abort();
    }
}

}  // namespace atlante::fuzz
