package dev.lightreasoner.batch.sample;

import dev.lightreasoner.engine.sampling.ContrastiveSampler;
import dev.lightreasoner.engine.sampling.SampleParameters;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;

/** What a partition's processor needs, opened by its reader (kept in the partition's StepContext). */
record SamplingSession(SampleParameters parameters, TextTokenizer tokenizer, ChatPrompts prompts,
                       ContrastiveSampler sampler) {
}
