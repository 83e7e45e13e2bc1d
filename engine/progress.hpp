// Progress for long work: on a terminal, a status line on stderr that rewrites itself; when
// stderr is not a terminal (CI, pipes, logs), nothing at all.
#pragma once

#include <chrono>
#include <string>

namespace atlante {

class Progress {
  public:
    // `enabled` defaults to whether stderr is a terminal.
    Progress();
    explicit Progress(bool enabled);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    bool enabled() const { return enabled_; }
    // "loading comuni…"
    void step(const std::string& what);
    // "pages 12/312"
    void count(const std::string& what, std::size_t done, std::size_t total);
    void clear();

  private:
    void show(const std::string& line);
    bool enabled_;
    std::size_t shown_ = 0;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace atlante
