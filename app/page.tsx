import { Playground } from "./_components/Playground";

export default function Page() {
  return <Playground />;
}
