#include "cli/interrupt.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "layers/atomic_output.hpp"

namespace atlante {
namespace {

// SIGUSR1 only wakes the watcher when the guard ends.
sigset_t watched() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1);
    return set;
}

void watch() {
    const sigset_t set = watched();
    int signal = 0;
    if (sigwait(&set, &signal) != 0 || signal == SIGUSR1) return;
    const std::size_t removed = discard_outputs_in_progress();
    std::fprintf(stderr,
                 "\natlante: stopped by %s: %zu output%s in progress removed; earlier outputs are "
                 "as they were\n",
                 signal == SIGINT ? "SIGINT (Ctrl-C)" : "SIGTERM", removed,
                 removed == 1 ? "" : "s");
    std::fflush(stderr);
    ::_exit(128 + signal);
}

}  // namespace

InterruptGuard::InterruptGuard() {
    const sigset_t set = watched();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    watcher_ = std::thread(watch);
}

InterruptGuard::~InterruptGuard() {
    pthread_kill(watcher_.native_handle(), SIGUSR1);
    watcher_.join();
    const sigset_t set = watched();
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

}  // namespace atlante
