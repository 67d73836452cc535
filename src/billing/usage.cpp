#include "billing/usage.hpp"

namespace verimeter::billing {

Json buckets_to_json(const UsageBuckets& b) {
  Json j = Json::object();
  j["input_uncached"] = b.input_uncached;
  j["input_cache_read"] = b.input_cache_read;
  j["input_cache_write_5m"] = b.input_cache_write_5m;
  j["input_cache_write_1h"] = b.input_cache_write_1h;
  j["output_visible"] = b.output_visible;
  j["output_reasoning"] = b.output_reasoning;
  j["audio_in"] = b.audio_in;
  j["audio_out"] = b.audio_out;
  return j;
}

}  // namespace verimeter::billing
