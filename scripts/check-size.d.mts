/** Types of scripts/check-size.mjs, for its unit tests. */
export declare const MAX_FILE_LINES: number;
export declare const MAX_FUNCTION_LINES: number;
export declare function checkFile(path: string, label?: string): string[];
export declare function checkSizes(srcDir: string): { files: number; violations: string[] };
