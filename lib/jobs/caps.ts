/** The size of one asynchronous job, browser-safe (the playground checks a folder against it before uploading). */
export const MAX_JOB_IMAGES = 1000;
/** 100 MB of request body per job (the per-image rules stay: 10 MB each). */
export const MAX_JOB_BODY_BYTES = 100 * 1024 * 1024;
