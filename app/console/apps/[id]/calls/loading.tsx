import { PageSkeleton } from "@/components/page-skeleton";
import { Skeleton } from "@/components/ui";

export default function Loading() {
  return (
    <PageSkeleton>
      <Skeleton className="h-4 w-48" />
      <Skeleton className="h-7 w-40" />
      <Skeleton className="h-20 w-full" />
      <Skeleton className="h-96 w-full" />
    </PageSkeleton>
  );
}
