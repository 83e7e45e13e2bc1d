#include "cli/terminal_progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace atlante {

TerminalProgress::TerminalProgress() : TerminalProgress(::isatty(STDERR_FILENO) == 1) {}
TerminalProgress::TerminalProgress(bool enabled) : enabled_(enabled) {}
TerminalProgress::~TerminalProgress() { clear(); }

void TerminalProgress::show(const std::string& line) {
    std::fprintf(stderr, "\r%s", line.c_str());
    if (line.size() < shown_)
        std::fprintf(stderr, "%*s", static_cast<int>(shown_ - line.size()), "");
    std::fflush(stderr);
    shown_ = line.size();
}

void TerminalProgress::step(const std::string& what) {
    if (!enabled_) return;
    const std::lock_guard lock(mutex_);
    show(what + "…");
}

void TerminalProgress::count(const std::string& what, std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const std::lock_guard lock(mutex_);
    // At most ~20 redraws a second: a terminal is slower than a fast loop.
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - last_ < std::chrono::milliseconds(50)) return;
    last_ = now;
    show(what + " " + std::to_string(done) + "/" + std::to_string(total));
}

void TerminalProgress::clear() {
    if (!enabled_) return;
    const std::lock_guard lock(mutex_);
    if (shown_ == 0) return;
    std::fprintf(stderr, "\r%*s\r", static_cast<int>(shown_), "");
    std::fflush(stderr);
    shown_ = 0;
}

}  // namespace atlante
