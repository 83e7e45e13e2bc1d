#include "engine/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace atlante {

Progress::Progress() : Progress(::isatty(STDERR_FILENO) == 1) {}
Progress::Progress(bool enabled) : enabled_(enabled) {}
Progress::~Progress() { clear(); }

void Progress::show(const std::string& line) {
    if (!enabled_) return;
    std::fprintf(stderr, "\r%s", line.c_str());
    if (line.size() < shown_)
        std::fprintf(stderr, "%*s", static_cast<int>(shown_ - line.size()), "");
    std::fflush(stderr);
    shown_ = line.size();
}

void Progress::step(const std::string& what) { show(what + "…"); }

void Progress::count(const std::string& what, std::size_t done, std::size_t total) {
    // At most ~20 redraws a second: a terminal is slower than a fast loop.
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - last_ < std::chrono::milliseconds(50)) return;
    last_ = now;
    show(what + " " + std::to_string(done) + "/" + std::to_string(total));
}

void Progress::clear() {
    if (!enabled_ || shown_ == 0) return;
    std::fprintf(stderr, "\r%*s\r", static_cast<int>(shown_), "");
    std::fflush(stderr);
    shown_ = 0;
}

}  // namespace atlante
