/**
 * Which image runs (the seeds' "verify images with a hashsum"). A tag can
 * be moved to other content at any time; `latest` moves by design, and only
 * a digest names exactly one image. A service that tsd builds (`build:`)
 * names its own image, so these rules skip it: the base images to pin are in
 * its Dockerfile's FROM lines.
 */
import { type ImageReference, parseImageReference } from "../../base/image-reference.js";
import type { ContainerRule, Observation, Severity } from "../finding.js";

/** A rule judging the reference of a pulled image: a message and fix, or nothing. */
function imageRule(id: string, severity: Severity, summary: string, judge: (image: string, reference: ImageReference) => Omit<Observation, "location"> | undefined): ContainerRule {
  return {
    id, severity, scope: "container", summary,
    check: (subject, { locator }) => {
      if (subject.build !== undefined || subject.image === undefined) return [];
      const verdict = judge(subject.image, parseImageReference(subject.image));
      return verdict ? [{ location: locator.best([...subject.path, "image"]), ...verdict }] : [];
    },
  };
}

const imageLatest = imageRule("image-latest", "medium", "image without a tag, or tagged latest", (image, reference) => {
  if (reference.digest !== undefined || (reference.tag !== undefined && reference.tag !== "latest")) return undefined;
  return {
    message: `image "${image}" ${reference.tag === undefined ? "has no tag, so it means latest" : "is tagged latest"}: each pull may bring a different version`,
    fix: `\`image: ${reference.name}:<version>\`, the release you tested`,
  };
});

const imageNotPinned = imageRule("image-not-pinned", "low", "image not pinned by digest (@sha256:…)", (image, reference) =>
  reference.digest !== undefined
    ? undefined
    : {
        message: `image "${image}" is not pinned by digest: the registry decides what the tag points at on each pull`,
        fix: `\`image: ${image}@sha256:<digest>\` (the digest: \`docker buildx imagetools inspect ${image}\`)`,
      },
);

/** The rules of this family. */
export const IMAGE_RULES: readonly ContainerRule[] = [imageLatest, imageNotPinned];
