// The one place that owns GEOS context handles. GEOS's reentrant C API (`*_r` functions) needs a
// context per thread; geometries themselves are not tied to a context, so a geometry made on one
// thread can be read or destroyed on another.
#pragma once

#include <string>

typedef struct GEOSContextHandle_HS* GEOSContextHandle_t;

namespace atlante::geos {

class Context {
  public:
    Context();
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    GEOSContextHandle_t handle() const { return handle_; }
    // The last error GEOS reported on this context, cleared by take_error().
    std::string take_error();

  private:
    static void on_error(const char* message, void* userdata);
    GEOSContextHandle_t handle_;
    std::string last_error_;
};

// This thread's context, created on first use.
Context& context();
GEOSContextHandle_t handle();

// Throws atlante::Error carrying GEOS's message, prefixed by what was being done.
[[noreturn]] void throw_last_error(const std::string& doing);

}  // namespace atlante::geos
