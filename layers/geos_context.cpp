#include "layers/geos_context.hpp"

#include <geos_c.h>

#include "layers/error.hpp"

namespace atlante::geos {

Context::Context() : handle_(GEOS_init_r()) {
    if (handle_ == nullptr) throw Error("GEOS: cannot create a context handle");
    GEOSContext_setErrorMessageHandler_r(handle_, &Context::on_error, this);
}

Context::~Context() { GEOS_finish_r(handle_); }

void Context::on_error(const char* message, void* userdata) {
    static_cast<Context*>(userdata)->last_error_ = message ? message : "";
}

std::string Context::take_error() {
    std::string message = std::move(last_error_);
    last_error_.clear();
    return message;
}

Context& context() {
    thread_local Context ctx;
    return ctx;
}

GEOSContextHandle_t handle() { return context().handle(); }

void throw_last_error(const std::string& doing) {
    std::string message = context().take_error();
    if (message.empty()) message = "unknown GEOS error";
    throw Error("GEOS failed while " + doing + ": " + message);
}

}  // namespace atlante::geos
