/** Types of scripts/check-layers.mjs, for its unit tests. */
export declare const LAYERS: Readonly<Record<string, readonly string[]>>;
export declare const PACKAGE_OWNERS: Readonly<Record<string, readonly string[]>>;
export declare function layerOf(file: string): string;
export declare function checkLayers(srcDir: string): { files: number; violations: string[] };
