// Placeholder until the health kernel lands (issue 5).
export function version(): i32 {
  return 0;
}
