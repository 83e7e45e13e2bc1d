// Ctrl-C and kill: SIGINT and SIGTERM stop a run cleanly. While an InterruptGuard lives, the
// two signals are blocked in every thread and one watcher thread waits for them; when one
// comes, it removes every output still being written (staging folders, temporaries), says so,
// and exits 130 (SIGINT) or 143 (SIGTERM). Earlier outputs stay as they were.
#pragma once

#include <thread>

namespace atlante {

class InterruptGuard {
  public:
    InterruptGuard();  // before any other thread starts, so that they all inherit the mask
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

  private:
    std::thread watcher_;
};

}  // namespace atlante
