// Progress on a terminal: a status line on stderr that rewrites itself; when stderr is not a
// terminal (CI, pipes, logs), nothing at all. Steps running side by side share the one line.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "pipeline/progress_sink.hpp"

namespace atlante {

class TerminalProgress : public ProgressSink {
  public:
    // `enabled` defaults to whether stderr is a terminal.
    TerminalProgress();
    explicit TerminalProgress(bool enabled);
    ~TerminalProgress() override;
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    void step(const std::string& what) override;
    void count(const std::string& what, std::size_t done, std::size_t total) override;
    void clear() override;

  private:
    void show(const std::string& line);
    bool enabled_;
    std::mutex mutex_;
    std::size_t shown_ = 0;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace atlante
