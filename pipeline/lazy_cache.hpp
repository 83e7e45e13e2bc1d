// Values made once per run on first use and shared by every step, from any thread: the
// catalogue, its layers, files several maps draw. Each key has its own lock, so steps loading
// different layers do not wait for each other, and a layer that needs another (the zones need
// the comuni) can ask for it while being made. A failed make leaves the key empty: the next
// caller tries again and gets the same error. The sources read while making a value are handed
// on to every later user's ReadRecorder, so each step lists what it used.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "layers/read_log.hpp"

namespace atlante {

template <class T>
class LazyCache {
  public:
    const T& get(const std::string& key, const std::function<T()>& make) {
        Entry* entry = nullptr;
        {
            const std::lock_guard lock(mutex_);
            std::unique_ptr<Entry>& slot = entries_[key];
            if (!slot) slot = std::make_unique<Entry>();
            entry = slot.get();
        }
        const std::lock_guard lock(entry->mutex);
        if (entry->value) {
            note_sources_used(entry->read);
        } else {
            std::vector<std::string> read;
            {
                const ReadRecorder recorder(read);
                entry->value.emplace(make());
            }
            entry->read = std::move(read);
        }
        return *entry->value;
    }

  private:
    struct Entry {
        std::mutex mutex;
        std::optional<T> value;
        std::vector<std::string> read;
    };
    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace atlante
