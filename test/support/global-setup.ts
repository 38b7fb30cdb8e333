// Placeholder: replaced by the Prism global setup.
export default async function setup(): Promise<void> {}
